import type { TFunction } from 'i18next';
import type { RestoreNote, SavesView } from '../hooks/persistence';
import { useTranslation } from '../i18n';
import { useFormat } from '../i18n/format';
import { reasonText } from '../i18n/panelMessages';
import type { SaveEntry } from '../state/savedModels';

interface Props {
  saves: SavesView;
  onOpen: (entry: SaveEntry) => void;
}

type DateTime = (d: string) => string;

function noteText(t: TFunction, time: DateTime, note: RestoreNote): string {
  switch (note.kind) {
    case 'noStorage': return t('panel.saves.noStorage');
    case 'evicted': return t('panel.saves.evicted', { time: time(note.lastSavedAt) });
    case 'unreadable': return t('panel.saves.unreadable', { time: time(note.savedAt), reason: reasonText(t, note.reason) });
    case 'olderSlot': return t('panel.saves.olderSlot', { failed: time(note.failedAt), restored: time(note.restoredAt), reason: reasonText(t, note.reason) });
    case 'copyOfOpenTab': return t('panel.saves.copyOfOpenTab');
  }
}

export function entryText(t: TFunction, time: DateTime, num: (n: number) => string, e: SaveEntry): string {
  const step = num(e.step);
  return e.latentDim !== undefined
    ? t('panel.saves.entry', { time: time(e.savedAt), step, latent: e.latentDim })
    : t('panel.saves.entryNoLatent', { time: time(e.savedAt), step });
}

/**
 * What the autosave found on start (a fallback, a loss, no storage), the save a shared link did
 * not open, and the saves of other tabs, each with a way to open it.
 */
export function SavesNotices({ saves, onOpen }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const time: DateTime = (d) => (d ? format.dateTime(d) : '?');
  const { note, offer, others } = saves;
  return (
    <>
      {note && (
        <div className="banner banner-notice" role="status" data-testid="restore-notice" data-kind={note.kind}>
          <span>{noteText(t, time, note)}</span>
        </div>
      )}
      {offer && (
        <div className="banner banner-notice" role="status" data-testid="saved-model-offer">
          <span>{t('panel.saves.offer', { entry: entryText(t, time, format.number, offer) })}</span>
          <button type="button" data-testid="saved-model-open" onClick={() => onOpen(offer)}>{t('panel.saves.offerOpen')}</button>
        </div>
      )}
      {others.length > 0 && (
        <details className="other-saves" data-testid="other-saves">
          <summary>{t('panel.saves.others', { count: others.length })}</summary>
          <ul>
            {others.map((e) => (
              <li key={e.owner} data-testid="other-save" data-owner={e.owner}>
                <span>{entryText(t, time, format.number, e)}</span>{' '}
                <button type="button" data-testid="other-save-open" onClick={() => onOpen(e)}>{t('panel.saves.open')}</button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
