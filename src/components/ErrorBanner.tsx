import { useLabController, useLabState } from '../hooks/useLab';
import { useTranslation } from '../i18n';
import { useFormat } from '../i18n/format';
import { noticeText } from '../i18n/notices';
import { messageText } from '../i18n/panelMessages';

/** What went wrong, in words; the model and its history stay as they were. */
export function ErrorBanner() {
  const lab = useLabController();
  const { t } = useTranslation();
  const error = useLabState((s) => s.error);
  const notices = useLabState((s) => s.notices);
  const crash = useLabState((s) => s.crash);
  const stalled = useLabState((s) => s.stalled);
  if (!error && notices.length === 0 && !crash && !stalled) return null;
  return (
    <div className="banners">
      {crash && <CrashBanner reason={crash.reason} />}
      {stalled && !crash && (
        <div className="banner banner-error" role="alert" data-testid="worker-stalled">
          <span>{t('banner.stalled', { seconds: Math.round(lab.requestTimeoutMs / 1000) })}</span>
          <button type="button" data-testid="worker-stalled-restart" onClick={() => lab.restart()}>{t('banner.restart')}</button>
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert" data-testid="error-message">
          <span>{messageText(t, error)}</span>
          <button type="button" onClick={() => lab.dismissError()} aria-label={t('banner.dismiss')}>×</button>
        </div>
      )}
      {notices.map((n, i) => (
        <div key={typeof n === 'string' ? n : `${n.key}=${n.value}#${i}`} className="banner banner-notice" role="status" data-testid="notice">{typeof n === 'string' ? messageText(t, n) : noticeText(t, n)}</div>
      ))}
    </div>
  );
}

/** The worker died: say so in words, say what is left (the last save), and offer the restart. */
function CrashBanner({ reason }: { reason: string }) {
  const lab = useLabController();
  const { t } = useTranslation();
  const format = useFormat();
  const savedAt = useLabState((s) => s.lastSavedAt ?? s.restoredFrom);
  return (
    <div className="banner banner-error" role="alert" data-testid="worker-crash">
      <span>
        {t('banner.crashed', { reason })}{' '}
        {savedAt && <>{t('banner.crashSaved', { time: format.dateTime(savedAt, { timeStyle: 'medium' }) })}{' '}</>}
        {t('banner.crashRestart')}
      </span>
      <button type="button" data-testid="worker-restart" onClick={() => lab.restart()}>{t('banner.restart')}</button>
    </div>
  );
}
