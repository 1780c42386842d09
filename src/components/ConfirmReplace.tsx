import { useEffect, useRef } from 'react';
import { useTranslation } from '../i18n';

interface Props {
  /** How long the reader's model has trained. */
  minutes: number;
  /** The model that would replace it, in the reader's words. */
  what: string;
  onExport: () => void;
  onReplace: () => void;
  onCancel: () => void;
}

/**
 * Asks before a load replaces a model the reader trained for a while, with a way to keep a
 * copy first. A modal <dialog> in the page (not window.confirm), so it can offer the export.
 */
export function ConfirmReplace({ minutes, what, onExport, onReplace, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    const d = ref.current;
    if (!d || d.open) return;
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', '');
  }, []);
  const trained = minutes < 2 ? t('panel.confirm.seconds', { n: Math.round(minutes * 60) }) : t('panel.confirm.minutes', { n: Math.round(minutes) });
  return (
    <dialog ref={ref} className="confirm-replace" data-testid="confirm-replace" aria-labelledby="confirm-replace-title"
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h3 id="confirm-replace-title">{t('panel.confirm.title')}</h3>
      <p>{t('panel.confirm.body', { trained, what })}</p>
      <div className="panel-row">
        <button type="button" data-testid="confirm-replace-export" onClick={onExport}>{t('panel.confirm.exportFirst')}</button>
        <button type="button" className="primary" data-testid="confirm-replace-load" onClick={onReplace}>{t('panel.confirm.replace')}</button>
        <button type="button" data-testid="confirm-replace-cancel" onClick={onCancel} autoFocus>{t('panel.confirm.keep')}</button>
      </div>
    </dialog>
  );
}
