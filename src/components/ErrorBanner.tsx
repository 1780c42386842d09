import { useLabController, useLabState } from '../hooks/useLab';
import { useTranslation } from '../i18n';
import { noticeText } from '../i18n/notices';
import { messageText } from '../i18n/panelMessages';

/** What went wrong, in words; the model and its history stay as they were. */
export function ErrorBanner() {
  const lab = useLabController();
  const { t } = useTranslation();
  const error = useLabState((s) => s.error);
  const notices = useLabState((s) => s.notices);
  if (!error && notices.length === 0) return null;
  return (
    <div className="banners">
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
