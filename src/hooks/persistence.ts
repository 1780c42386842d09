import { decodeModelFile, encodeModelFile, ModelFileError, type SavedModel } from '../model/modelFile';
import { clearSaves, loadSaves, saveModel } from '../state/savedModels';
import type { LabController } from './labController';

export const AUTOSAVE_EVERY_MS = 30_000;

/**
 * Keeps a lab's model in IndexedDB: every 30 s while it trains and whenever it pauses; on start
 * the newest readable save is restored and the page says so.
 */
export class Autosave {
  private saving = false;
  /** A save asked for while one ran (a pause mid-save): done right after, with newer weights. */
  private saveAgain = false;
  private lastSave = Date.now();
  private wasRunning = false;
  private lastSource = '';
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly lab: LabController) {}

  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.lastSource = this.lab.store.getState().modelSource;
    this.unsubscribe = this.lab.store.subscribe(() => {
      const { running, modelSource } = this.lab.store.getState();
      // Save on pause, and when another model was loaded (skip ahead, import), so a reload keeps it.
      if ((this.wasRunning && !running) || modelSource !== this.lastSource) void this.save();
      this.wasRunning = running;
      this.lastSource = modelSource;
    });
    this.timer = setInterval(() => {
      if (this.lab.store.getState().running && Date.now() - this.lastSave >= AUTOSAVE_EVERY_MS) void this.save();
    }, 1000);
    await this.restore();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async save(): Promise<void> {
    const { latest } = this.lab.store.getState();
    if (!latest) return; // nothing trained yet: nothing worth keeping
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    this.saving = true;
    try {
      const model = await this.lab.exportModel();
      await saveModel(this.lab.id, { bytes: encodeModelFile(model), savedAt: model.savedAt, step: model.step });
      this.lastSave = Date.now();
      this.lab.store.setState({ lastSavedAt: model.savedAt });
    } catch (err) {
      this.lab.store.setState({ error: `Could not save the model in this browser: ${(err as Error).message}. Training goes on; export it to a file to keep it.` });
    } finally {
      this.saving = false;
    }
    if (this.saveAgain) {
      this.saveAgain = false;
      await this.save();
    }
  }

  /** Loads the newest readable save; also after a worker restart (labs.ts). */
  async restore(): Promise<void> {
    let saves;
    try {
      saves = await loadSaves(this.lab.id);
    } catch {
      return; // no IndexedDB (private mode): start fresh, silently
    }
    for (const record of saves) {
      let model: SavedModel;
      try {
        model = decodeModelFile(record.bytes);
      } catch (err) {
        if (err instanceof ModelFileError) continue; // try the older slot
        throw err;
      }
      await this.lab.whenReady();
      // The time stays ISO in the label (it is saved into files); the panel formats it for the reader.
      this.lab.loadModel({ ...model, source: `restored from ${record.savedAt} (${model.source})` });
      this.lab.store.setState({ restoredFrom: record.savedAt });
      return;
    }
  }

  /** Forget the saved model and train a new one. */
  async startFresh(): Promise<void> {
    await clearSaves(this.lab.id).catch(() => undefined);
    this.lab.store.setState({ restoredFrom: null });
    this.lab.reset();
  }
}
