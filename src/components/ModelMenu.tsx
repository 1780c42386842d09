import { useRef, useState, useSyncExternalStore } from 'react';
import type { Autosave } from '../hooks/persistence';
import type { SaveEntry } from '../state/savedModels';
import { SavesNotices } from './SavesNotices';
import { useLabController, useLabState } from '../hooks/useLab';
import { useLabs } from '../hooks/sectionLab';
import { decodeModelFile, encodeModelFile, ModelFileError, type SavedModel } from '../model/modelFile';
import { ConfirmReplace } from './ConfirmReplace';
import { useTranslation } from '../i18n';
import { useFormat } from '../i18n/format';

interface Props {
  /** File in public/pretrained/ made by `npm run pretrain`. */
  pretrainedFile: string;
  /** The lab's autosave; tests pass their own (it defaults to the one the shell provides). */
  autosave?: Autosave;
}

const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** A model the reader trained longer than this is not replaced without asking. */
export const CONFIRM_REPLACE_AFTER_SECONDS = 60;

/** `what`: the file's or save's name; null for the shipped model (worded at display time). */
interface PendingLoad { load: () => void; what: string | null }

/**
 * The panel's name for a shipped model, in the reader's terms (the file's own note is for developers).
 * English data, saved with the model; src/i18n/panelMessages.ts words it for the reader.
 */
export function shippedLabel(model: SavedModel): string {
  const kind = model.config.conditional ? 'conditional VAE' : 'VAE';
  return `${kind}, latent size ${model.config.latentDim}, trained in advance for ${model.step.toLocaleString('en-US')} steps`;
}

/** Skip ahead with the shipped model, export and import weights, and the restore notice. */
export function ModelMenu({ pretrainedFile, autosave: given }: Props) {
  const lab = useLabController();
  const labs = useLabs();
  const autosave = given ?? labs.autosave(lab);
  const saves = useSyncExternalStore(autosave.view.subscribe, autosave.view.getState);
  const { t } = useTranslation();
  const format = useFormat();
  const ready = useLabState((s) => s.phase === 'ready' || s.phase === 'training');
  const restoredFrom = useLabState((s) => s.restoredFrom);
  const lastSavedAt = useLabState((s) => s.lastSavedAt);
  const [busy, setBusy] = useState<'loading' | 'exporting' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<PendingLoad | null>(null);

  /** Loads at once, or asks first when that would throw away more than a minute of training. */
  const replaceWith = (load: PendingLoad) => {
    if (lab.trainedSeconds() > CONFIRM_REPLACE_AFTER_SECONDS) setPending(load);
    else load.load();
  };
  const loadFile = (model: SavedModel, shipped: boolean, what: string | null): void =>
    replaceWith({ load: () => lab.loadModel(model, { shipped }), what });
  const openSave = (entry: SaveEntry): void =>
    replaceWith({ load: () => void autosave.open(entry), what: t('panel.saves.theSave', { time: format.dateTime(entry.savedAt) }) });

  // English data like the worker's errors: the banner words it in the reader's language.
  const fail = (what: string, err: unknown) => {
    const reason = err instanceof ModelFileError || err instanceof Error ? err.message : String(err);
    lab.store.setState({ error: `${what}: ${reason}. The current model is unchanged.` });
  };

  const loadPretrained = async () => {
    setBusy('loading');
    try {
      const url = new URL(`${import.meta.env.BASE_URL}pretrained/${pretrainedFile}`, document.baseURI).href;
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${pretrainedFile}`);
      const model = decodeModelFile(new Uint8Array(await res.arrayBuffer()));
      loadFile({ ...model, source: shippedLabel(model) }, true, null);
    } catch (err) {
      fail('Could not load the trained model', err);
    } finally {
      setBusy(null);
    }
  };

  const exportFile = async () => {
    setBusy('exporting');
    try {
      const model = await lab.exportModel();
      const blob = new Blob([encodeModelFile(model) as BlobPart], { type: 'application/octet-stream' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `vae-lab-${lab.id}-step${model.step}.vaelab`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (err) {
      fail('Could not export the model', err);
    } finally {
      setBusy(null);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      if (file.size > MAX_IMPORT_BYTES) throw new ModelFileError(`the file is ${(file.size / 1e6).toFixed(0)} MB, larger than any VAE Lab model`);
      const model = decodeModelFile(new Uint8Array(await file.arrayBuffer()));
      if (model.config.conditional !== lab.store.getState().config.conditional) {
        throw new ModelFileError(model.config.conditional
          ? 'this is a conditional VAE; import it on the Conditional VAE page'
          : 'this is a plain VAE; import it outside the Conditional VAE page');
      }
      loadFile({ ...model, source: `imported from ${file.name}` }, false, file.name);
    } catch (err) {
      fail(`Could not import ${file.name}`, err);
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <div className="model-menu">
      {restoredFrom && (
        <div className="banner banner-notice" role="status" data-testid="restore-banner">
          <span>{t('panel.menu.restored', { time: format.dateTime(restoredFrom) })}</span>
          <button type="button" data-testid="restore-fresh" onClick={() => void autosave.startFresh()}>{t('panel.menu.startFresh')}</button>
        </div>
      )}
      <SavesNotices saves={saves} onOpen={openSave} />
      <div className="panel-row">
        <button type="button" data-testid="model-load-pretrained" disabled={!ready || busy !== null} onClick={() => void loadPretrained()}
          title={t('panel.menu.skipAheadTitle')}>
          {t('panel.menu.skipAhead')}
        </button>
        <button type="button" data-testid="model-export" disabled={!ready || busy !== null} onClick={() => void exportFile()}>{t('panel.menu.export')}</button>
        <label className="file-button">
          {t('panel.menu.import')}
          <input ref={fileInput} type="file" accept=".vaelab,application/octet-stream" data-testid="model-import"
            disabled={!ready} onChange={(e) => void importFile(e.target.files?.[0])} />
        </label>
        {busy && <span className="hint">{t(busy === 'loading' ? 'panel.menu.busyLoading' : 'panel.menu.busyExporting')}</span>}
        {lastSavedAt && (
          <span className="hint" data-testid="last-saved" data-persistent={saves.persistent === null ? undefined : String(saves.persistent)}>
            {t(saves.persistent === false ? 'panel.saves.savedMayBeCleared' : 'panel.menu.savedAt', { time: format.dateTime(lastSavedAt, { timeStyle: 'medium' }) })}
          </span>
        )}
      </div>
      {pending && (
        <ConfirmReplace
          minutes={lab.trainedSeconds() / 60}
          what={pending.what ?? t('panel.menu.theShipped')}
          onExport={() => void exportFile()}
          onReplace={() => {
            pending.load();
            setPending(null);
          }}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}
