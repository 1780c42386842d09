import { assembleModelFile, decodeModelFile, HistoryJson, ModelFileError, NonFiniteWeightsError } from '../model/modelFile';
import { indexedDbKv, SaveSlots, type SaveEntry } from '../state/savedModels';
import { createStore, type Store } from '../state/store';
import { lockName, newOwnerKey, siteStorage, tabStorage, webLocks, type TabLocks, type TabStorage } from '../state/tabSession';
import type { LabController } from './labController';

/**
 * How often a model in training is saved. A save begun as a tab closes never lands (it needs a
 * round trip to the worker), so a close loses what trained since the last save: save often, but
 * let saving take at most 1/costFactor of the time (each save briefly shares the worker's thread
 * with training). Every max(minMs, costFactor x the last save's duration), and at least every maxMs.
 */
export const AUTOSAVE_CADENCE = { minMs: 5_000, costFactor: 20, maxMs: 30_000, checkMs: 250 } as const;

/**
 * Bytes to leave for the header in front of the worker's encoded tensors: the last save's history
 * (or ~300 bytes a point before the first: one is 210-260 at latent size 2) with 10% to grow, and
 * 128 KB for the rest of the header (~4 KB) and the points that arrive while the worker exports.
 * A header that still does not fit costs that save one copy of the file, nothing else.
 */
function headerRoom(lastHistoryChars: number, points: number): number {
  return 128 * 1024 + Math.ceil(1.1 * Math.max(lastHistoryChars, 300 * points));
}

/** The wait after a save of `lastSaveMs` (NaN before the first) before the next, while training. */
export function autosaveIntervalMs(lastSaveMs: number): number {
  const { minMs, costFactor, maxMs } = AUTOSAVE_CADENCE;
  if (!Number.isFinite(lastSaveMs)) return minMs;
  return Math.min(maxMs, Math.max(minMs, costFactor * lastSaveMs));
}

/** Saves kept per model kind (main, cvae) across tabs; older ones of closed tabs are removed. */
export const MAX_SAVES = 6;

/** What the restore found, as data the model menu words (src/i18n, `panel.saves.*`). */
export type RestoreNote =
  | { kind: 'noStorage' }
  | { kind: 'evicted'; lastSavedAt: string }
  | { kind: 'unreadable'; savedAt: string; reason: string }
  | { kind: 'olderSlot'; failedAt: string; restoredAt: string; reason: string }
  | { kind: 'copyOfOpenTab' };

export interface SavesView {
  note: RestoreNote | null;
  /** A save not opened because the URL names a model (a shared link wins); the reader may open it. */
  offer: SaveEntry | null;
  /** Saves of other tabs (open or closed), newest first. */
  others: SaveEntry[];
  /** Whether the browser keeps this site's storage when space runs low; null until asked. */
  persistent: boolean | null;
}

export interface AutosaveDeps {
  slots: SaveSlots;
  locks: TabLocks;
  /** Per tab (sessionStorage): this tab's owner key survives a reload. */
  tab: TabStorage;
  /** Per site (localStorage): the time of the last save, to tell eviction from a first visit. */
  site: TabStorage & { removeItem(key: string): void };
  /** The URL names a model (a link): a save is offered, not opened... */
  urlNamesModel: boolean;
  /** ...unless this tab's own URL showed these settings before and the save is this tab's (a reload). */
  urlShownHere: boolean;
  newOwner: () => string;
  /** navigator.storage.persist(); null where the browser has no such thing. */
  persist: () => Promise<boolean | null>;
  /** Where visibilitychange and pagehide come from; null in tests that drive saves by hand. */
  doc: Document | null;
}

export function browserDeps(urlNamesModel = false, urlShownHere = false): AutosaveDeps {
  return {
    slots: new SaveSlots(indexedDbKv()),
    locks: webLocks(),
    tab: tabStorage(),
    site: siteStorage(),
    urlNamesModel,
    urlShownHere,
    newOwner: newOwnerKey,
    persist: async () => {
      const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
      if (!storage?.persist) return null;
      try {
        return (await storage.persisted()) || (await storage.persist());
      } catch {
        return null;
      }
    },
    doc: typeof document !== 'undefined' ? document : null,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Keeps a lab's model in IndexedDB under this tab's own key: every few seconds while it trains
 * (AUTOSAVE_CADENCE), on every pause and load, and when the page is hidden (a tab switched away
 * from; a save begun as a tab closes does not land, so the cadence bounds what a close loses).
 * On start the tab's own save (a reload) or the newest other one is restored, unless the URL names a model:
 * then that save is only offered. Whatever it finds or fails to find, it says.
 */
export class Autosave {
  readonly view: Store<SavesView> = createStore<SavesView>({ note: null, offer: null, others: [], persistent: null });
  /** The key this tab saves under; null until the restore has decided it. */
  owner: string | null = null;
  private saving = false;
  /** A save asked for while one ran (a pause mid-save): done right after, with newer weights. */
  private saveAgain = false;
  private lastSave = Date.now();
  private wasRunning = false;
  private lastSource = '';
  /** The source label of a model that came from storage: loading it needs no save. */
  private quietSource: string | null = null;
  /** Model and step of the last save, so hiding the page does not save an unchanged model. */
  private savedKey = '';
  private askedPersist = false;
  /** How long the last save took, export to commit (ms); it sets the next interval, and the browser tests report it. */
  lastSaveMs = NaN;
  /** Of that, the page's synchronous work: the header and the file's assembly (ms). */
  lastSaveMainMs = NaN;
  /** Of that, the worker's export: reads, finiteness check, encoding (ms). */
  lastSaveWorkerMs = NaN;
  /** Whether the last save's header fit the room the worker left (no copy of the file on the page). */
  lastSaveInPlace = false;
  private readonly historyJson = new HistoryJson();
  private lastHistoryChars = 0;
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly deps: AutosaveDeps;

  constructor(private readonly lab: LabController, deps: Partial<AutosaveDeps> = {}) {
    this.deps = { ...browserDeps(), ...deps };
  }

  private get ownerItem(): string { return `vae-lab:${this.lab.id}:owner`; }
  private get markItem(): string { return `vae-lab:${this.lab.id}:saved-at`; }

  private stateKey(): string {
    const { modelSource, latest } = this.lab.store.getState();
    return `${modelSource}#${latest?.step ?? -1}`;
  }

  private readonly onHidden = (): void => {
    if (this.deps.doc?.visibilityState === 'hidden' && this.stateKey() !== this.savedKey) void this.save();
  };
  /** pagehide can come while the page still counts as visible (a navigation away). */
  private readonly onPageHide = (): void => {
    if (this.stateKey() !== this.savedKey) void this.save();
  };

  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.lastSource = this.lab.store.getState().modelSource;
    this.unsubscribe = this.lab.store.subscribe(() => {
      const { running, modelSource } = this.lab.store.getState();
      // The interval counts from the start of training: time spent loading or paused (saved at the pause) is not at risk.
      if (running && !this.wasRunning) this.lastSave = Date.now();
      if (modelSource !== this.lastSource && modelSource === this.quietSource) {
        this.savedKey = this.stateKey(); // restored as it was saved: nothing new to keep
      } else if ((this.wasRunning && !running) || modelSource !== this.lastSource) {
        // Save on pause, and when another model was loaded (skip ahead, import), so a reload keeps it.
        void this.save();
      }
      this.wasRunning = running;
      this.lastSource = modelSource;
    });
    this.timer = setInterval(() => {
      // Not while a save runs: that would queue another right after it, outside the cadence.
      if (this.saving || !this.lab.store.getState().running) return;
      if (Date.now() - this.lastSave >= autosaveIntervalMs(this.lastSaveMs)) void this.save();
    }, AUTOSAVE_CADENCE.checkMs);
    this.deps.doc?.addEventListener('visibilitychange', this.onHidden);
    this.deps.doc?.defaultView?.addEventListener('pagehide', this.onPageHide);
    await this.restore();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.deps.doc?.removeEventListener('visibilitychange', this.onHidden);
    this.deps.doc?.defaultView?.removeEventListener('pagehide', this.onPageHide);
    if (this.owner !== null) this.deps.locks.release(lockName(this.lab.id, this.owner));
  }

  async save(): Promise<void> {
    const { latest } = this.lab.store.getState();
    if (!latest || this.owner === null) return; // nothing trained yet, or the restore is still deciding
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    this.saving = true;
    try {
      const key = this.stateKey();
      const t0 = performance.now();
      // Checked and encoded in the worker: the page only writes the header into the room left for it.
      const model = await this.lab.exportTensors(headerRoom(this.lastHistoryChars, this.lab.store.getState().history.length));
      const m0 = performance.now();
      const historyText = model.history === undefined ? undefined : this.historyJson.of(model.history);
      const bytes = assembleModelFile(model, model.tensors, historyText);
      const mainMs = performance.now() - m0;
      this.lastHistoryChars = historyText?.length ?? 0;
      this.lastSaveInPlace = bytes.buffer === model.tensors.bytes.buffer;
      await this.deps.slots.write(this.lab.id, this.owner, { bytes, savedAt: model.savedAt, step: model.step },
        { latentDim: model.config.latentDim, source: model.source });
      this.savedKey = key;
      this.lastSaveMs = performance.now() - t0;
      this.lastSaveMainMs = mainMs;
      this.lastSaveWorkerMs = model.workerMs;
      this.lastSave = Date.now();
      this.deps.site.setItem(this.markItem, model.savedAt);
      this.lab.store.setState({ lastSavedAt: model.savedAt });
      if (!this.askedPersist) {
        // Asked after the first save, not on load: some browsers ask the reader, and only now is there something to keep.
        this.askedPersist = true;
        const persistent = await this.deps.persist();
        this.view.setState({ persistent });
      }
      await this.prune();
    } catch (err) {
      if (err instanceof NonFiniteWeightsError) {
        this.lab.store.setState({ error: `Did not save the model: its ${err.what} hold NaN or infinite values. The last save is kept.` });
        return;
      }
      this.lab.store.setState({ error: `Could not save the model in this browser: ${(err as Error).message}. Training goes on; export it to a file to keep it.` });
    } finally {
      this.saving = false;
    }
    if (this.saveAgain) {
      this.saveAgain = false;
      await this.save();
    }
  }

  private async liveOwners(): Promise<Set<string>> {
    const held = await this.deps.locks.held().catch(() => new Set<string>());
    const prefix = lockName(this.lab.id, '');
    return new Set([...held].filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)));
  }

  /** Loads this tab's newest readable save; also after a worker restart (labs.ts). */
  async restore(): Promise<void> {
    let entries: SaveEntry[];
    try {
      entries = await this.deps.slots.list(this.lab.id);
    } catch {
      this.view.setState({ note: { kind: 'noStorage' } });
      await this.takeOwner(null);
      return;
    }
    const prev = this.deps.tab.getItem(this.ownerItem);
    let live = await this.liveOwners();
    // On a reload the old page's lock may not be released yet: give it a moment before calling it another tab.
    if (prev && live.has(prev) && entries.some((e) => e.owner === prev)) {
      await sleep(400);
      live = await this.liveOwners();
    }
    const candidate = entries.find((e) => e.owner === prev && !live.has(e.owner))
      ?? entries.find((e) => !live.has(e.owner)) ?? entries[0] ?? null;
    if (!candidate) {
      const mark = this.deps.site.getItem(this.markItem);
      if (mark) this.view.setState({ note: { kind: 'evicted', lastSavedAt: mark } });
      await this.takeOwner(null);
      return;
    }
    const others = entries.filter((e) => e !== candidate);
    const isReload = this.deps.urlShownHere && candidate.owner === prev;
    if (this.deps.urlNamesModel && !isReload) {
      // The link's model trains under a new key, so the offered save stays as it is.
      this.view.setState({ offer: candidate, others });
      await this.takeOwner(null);
      return;
    }
    const isLive = live.has(candidate.owner);
    const loaded = await this.load(candidate);
    if (loaded && isLive) this.view.setState({ note: { kind: 'copyOfOpenTab' } });
    this.view.setState({ others });
    // An unreadable save of a closed tab is adopted too: this tab's first save replaces it.
    await this.takeOwner(isLive ? null : candidate.owner);
  }

  /** Loads the newest readable copy of a save; says what it skipped. False if none could be read. */
  private async load(entry: SaveEntry): Promise<boolean> {
    let records;
    try {
      records = await this.deps.slots.read(this.lab.id, entry.owner);
    } catch (err) {
      this.view.setState({ note: { kind: 'unreadable', savedAt: entry.savedAt, reason: (err as Error).message } });
      return false;
    }
    let failure: { savedAt: string; reason: string } | null = null;
    for (const record of records) {
      let model;
      try {
        model = decodeModelFile(record.bytes);
      } catch (err) {
        if (!(err instanceof ModelFileError)) throw err;
        failure ??= { savedAt: record.savedAt, reason: err.message };
        continue; // try the older slot
      }
      await this.lab.whenReady();
      // The time stays ISO in the label (it is saved into files); the panel formats it for the reader.
      const source = `restored from ${record.savedAt} (${model.source})`;
      this.quietSource = source;
      this.lab.loadModel({ ...model, source });
      this.lab.store.setState({ restoredFrom: record.savedAt });
      this.view.setState({ note: failure ? { kind: 'olderSlot', failedAt: failure.savedAt, restoredAt: record.savedAt, reason: failure.reason } : null });
      return true;
    }
    this.view.setState({ note: { kind: 'unreadable', savedAt: entry.savedAt, reason: failure?.reason ?? 'no copy of it is left' } });
    return false;
  }

  /** Saves from here on go under `owner` if no live tab holds it, else under a new key. */
  private async takeOwner(owner: string | null): Promise<void> {
    const { locks, tab } = this.deps;
    if (this.owner !== null && this.owner !== owner) locks.release(lockName(this.lab.id, this.owner));
    let next = owner;
    if (next === null || !(await locks.claim(lockName(this.lab.id, next)))) {
      do next = this.deps.newOwner();
      while (!(await locks.claim(lockName(this.lab.id, next))));
    }
    this.owner = next;
    this.savedKey = this.owner === owner ? this.stateKey() : '';
    try {
      tab.setItem(this.ownerItem, next);
    } catch {
      // sessionStorage refused: a reload restores the newest save instead of this tab's own.
    }
  }

  /** Opens a listed or offered save here; one no open tab holds becomes this tab's save. */
  async open(entry: SaveEntry): Promise<void> {
    const live = await this.liveOwners();
    if (!(await this.load(entry))) return;
    const others = (await this.deps.slots.list(this.lab.id).catch(() => [])).filter((e) => e.owner !== entry.owner);
    if (live.has(entry.owner)) {
      this.view.setState({ offer: null, note: { kind: 'copyOfOpenTab' } });
    } else {
      await this.takeOwner(entry.owner);
      this.view.setState({ offer: null });
    }
    this.view.setState({ others: others.filter((e) => e.owner !== this.owner) });
  }

  /** Removes the oldest saves of closed tabs beyond MAX_SAVES; never this tab's or an open tab's. */
  private async prune(): Promise<void> {
    const entries = await this.deps.slots.list(this.lab.id);
    if (entries.length > MAX_SAVES) {
      const live = await this.liveOwners();
      const removable = entries.filter((e) => e.owner !== this.owner && !live.has(e.owner));
      const extra = entries.length - MAX_SAVES;
      for (const e of removable.slice(-extra)) await this.deps.slots.remove(this.lab.id, e.owner);
    }
    const left = await this.deps.slots.list(this.lab.id);
    const offer = this.view.getState().offer;
    this.view.setState({ others: left.filter((e) => e.owner !== this.owner && e.owner !== offer?.owner) });
  }

  /** Forgets this tab's save (only this tab's) and trains a new model. */
  async startFresh(): Promise<void> {
    if (this.owner !== null) await this.deps.slots.remove(this.lab.id, this.owner).catch(() => undefined);
    this.lab.store.setState({ restoredFrom: null });
    this.view.setState({ note: null });
    this.lab.reset();
    const left = await this.deps.slots.list(this.lab.id).catch(() => null);
    if (left && left.length === 0) this.deps.site.removeItem(this.markItem);
  }
}
