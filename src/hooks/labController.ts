import { NonFiniteWeightsError, type SavedModel } from '../model/modelFile';
import type { ModelConfig, TrainSettings } from '../shared/types';
import { appendHistory, type LabState, type LoadChange } from '../state/labState';
import { createStore, type Store } from '../state/store';
import { initialViewState, type ViewState } from '../state/viewState';
import type { BackendChoice, ExportedTensors, FromWorker, ToWorker } from '../worker/protocol';
import type { StepMetrics } from '../shared/types';

export const TEST_SUBSET = 2000;

/**
 * Step metrics reach the page at most this often while training (a held-out score goes at
 * once). The worker sends one per step, ~20-40 a second; redrawing the panel and curves for
 * each kept the page's renderer and the GPU process busy for most of a core, the core the
 * trainer's second thread needs on a 2-core machine.
 */
export const METRICS_FLUSH_MS = 250;

/** A request the worker does not answer in this long is refused (a hung GPU read, a dead worker). */
export const REQUEST_TIMEOUT_MS = 20_000;

/** What the controller needs of a worker (a real one, or a test's stand-in). */
export interface WorkerPort {
  postMessage(msg: ToWorker): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

function startTrainWorker(): WorkerPort {
  return new Worker(new URL('../worker/trainWorker.ts', import.meta.url), { type: 'module', name: 'vae-trainer' });
}

/** Messages about one model; dropped when the page has asked for another model since. */
const MODEL_MESSAGES = new Set<FromWorker['type']>([
  'running', 'metrics', 'snapshot', 'reset-done', 'loaded', 'error', 'posterior', 'held-out', 'held-out-progress', 'class-accuracy',
]);

type ExportAnswer = Extract<FromWorker, { type: 'exported' | 'exported-tensors' }>;

/** A change the page asked for and the worker has not confirmed yet, shown meanwhile. */
interface PendingChange { seq: number; settings?: Partial<TrainSettings>; config?: Partial<ModelConfig> }

/**
 * The bridge between one training worker and one store. The worker owns the model and its live
 * settings; this class forwards what the reader changes and shows what the worker confirms (with
 * the changes still on their way laid over it). Every request that changes the model or its
 * settings gets a seq; the seq of a reset or load names the model it makes (its epoch), and
 * messages about any other model are dropped.
 */
export class LabController {
  readonly store: Store<LabState>;
  /** Selection, slider position and drawings for this model's views. */
  readonly view: Store<ViewState>;
  private worker: WorkerPort | null = null;
  private nextRequestId = 1;
  private readonly pendingExports = new Map<number, { answer: (msg: ExportAnswer) => void; reject: (e: Error) => void }>();
  private seq = 0;
  /** The model whose messages the page accepts: the seq of the last init, reset or load asked for. */
  private epoch = 0;
  /** What the worker last confirmed, and the requests since. */
  private confirmed: { config: ModelConfig; settings: TrainSettings };
  private pending: PendingChange[] = [];
  /** Requests (settings, reset, load) the worker has not confirmed yet, with when they were sent. */
  private unconfirmed: { seq: number; at: number }[] = [];
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  /** How the worker is started; a test passes its own. */
  createWorker: () => WorkerPort = startTrainWorker;
  requestTimeoutMs = REQUEST_TIMEOUT_MS;
  /** Called after a restart once the new worker runs (the autosave restores the last save). */
  onRestart: (() => void) | null = null;
  /** Runs once the worker has MNIST and a model (restoring a saved model waits for this). */
  private readyWaiters: (() => void)[] = [];
  /** wasm threads from ?threads (0 = automatic); read when connect() starts the worker. */
  wasmThreads = 0;
  /** Called when this lab starts training, so another lab can pause (two on 2 cores halve both). */
  onStart: (() => void) | null = null;

  constructor(
    config: ModelConfig,
    settings: TrainSettings,
    private readonly backend: BackendChoice,
    private readonly dataUrl: string,
    /** Names this model's saves ('main' or 'cvae'). */
    readonly id = 'main',
  ) {
    this.store = createStore<LabState>({
      phase: 'loading', running: false, loadProgress: null, backend: null, backendNote: '',
      error: null, notices: [], config, settings, latest: null, history: [], snapshot: null,
      testSet: null, modelSource: 'new model, trained here from scratch', restoredFrom: null, lastSavedAt: null,
      loadNote: null,
      posterior: null, heldOut: null, heldOutProgress: null, crash: null, stalled: false, dataError: null,
    });
    this.confirmed = { config, settings };
    this.view = createStore<ViewState>(initialViewState(config.latentDim));
  }

  /** Starts the worker; idempotent, so React StrictMode's double effects make one worker. */
  connect(): void {
    if (this.worker) return;
    const worker = this.createWorker();
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (this.worker === worker) this.receive(e.data);
    };
    worker.onerror = (e) => {
      if (this.worker === worker) this.crashed(e.message || 'unknown error');
    };
    this.worker = worker;
    this.seq += 1;
    this.epoch = this.seq;
    // A new worker (first, or after a crash) starts from what the page shows: requests the dead
    // worker never confirmed are part of it.
    const { config, settings } = this.store.getState();
    this.confirmed = { config, settings };
    this.pending = [];
    this.unconfirmed = [];
    this.send({ type: 'init', seq: this.seq, dataUrl: this.dataUrl, backend: this.backend, wasmThreads: this.wasmThreads, config, settings, testCount: TEST_SUBSET });
  }

  disconnect(): void {
    this.dropUnflushedMetrics();
    this.unconfirmed = [];
    this.armWatchdog();
    this.worker?.terminate();
    this.worker = null;
    this.rejectPending('the trainer was stopped');
  }

  /**
   * After a fatal or stuck worker: a new worker with the settings the page shows, then the last
   * save restored (onRestart). The dead worker's model is gone; the save is what is left of it.
   */
  restart(): void {
    this.disconnect();
    this.carriedSeconds = 0;
    this.sessionSeconds = 0;
    this.pendingLoad = null;
    this.store.setState({
      phase: 'loading', running: false, error: null, crash: null, stalled: false, dataError: null, loadProgress: null,
      history: [], latest: null, snapshot: null, classAccuracy: null, posterior: null, heldOut: null, heldOutProgress: null,
      loadNote: null, restoredFrom: null,
      // Until a save is restored, the model is a new one.
      modelSource: this.store.getState().config.conditional ? 'new conditional VAE, trained here from scratch' : 'new model, trained here from scratch',
    });
    this.connect();
    this.onRestart?.();
  }

  /** Fetch again the MNIST files that did not arrive (the ones that did are kept). */
  retryData(): void {
    this.store.setState({ dataError: null });
    this.send({ type: 'retry-data' });
  }

  /** The worker cannot go on: every control waits for a restart, and the page says why. */
  private crashed(reason: string): void {
    this.flushMetrics();
    this.pendingLoad = null;
    this.rejectPending(`the trainer stopped (${reason})`);
    this.unconfirmed = [];
    this.armWatchdog();
    this.store.setState({ phase: 'error', running: false, crash: { reason }, stalled: false });
  }

  private rejectPending(reason: string): void {
    for (const p of this.pendingExports.values()) p.reject(new Error(reason));
    this.pendingExports.clear();
  }

  /** Sends a request that the worker confirms with a 'live' message, and watches for the confirmation. */
  private sendConfirmed(msg: Extract<ToWorker, { type: 'settings' | 'reset' | 'load' }>): void {
    this.unconfirmed.push({ seq: msg.seq, at: Date.now() });
    this.armWatchdog();
    this.send(msg);
  }

  /**
   * A request unconfirmed for requestTimeoutMs means a stuck worker (a GPU read that never
   * returns): the page says so and offers a restart. Not while MNIST loads (that takes its time);
   * a confirmation that comes late clears it.
   */
  private armWatchdog(): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
    const oldest = this.unconfirmed[0];
    if (!oldest) {
      if (this.store.getState().stalled) this.store.setState({ stalled: false });
      return;
    }
    const due = oldest.at + this.requestTimeoutMs - Date.now();
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      if (this.store.getState().phase === 'loading') {
        for (const u of this.unconfirmed) u.at = Date.now();
      } else if (this.unconfirmed.length) {
        this.store.setState({ stalled: true });
        return;
      }
      this.armWatchdog();
    }, Math.max(0, due));
  }

  /** The confirmed values with the changes still on their way laid over them. */
  private showLive(): void {
    let { config, settings } = this.confirmed;
    for (const p of this.pending) {
      if (p.config) config = { ...config, ...p.config };
      if (p.settings) settings = { ...settings, ...p.settings };
    }
    this.store.setState({ config, settings });
    this.fitViewTo(config.latentDim);
  }

  start(): void {
    this.onStart?.();
    this.send({ type: 'start' });
  }
  pause(): void { this.send({ type: 'pause' }); }
  toggle(): void {
    if (this.store.getState().running) this.pause();
    else this.start();
  }

  /** New weights; shape changes (latent or hidden size, CVAE kind) take effect here. */
  reset(shape: Partial<ModelConfig> = {}): void {
    // Not running from here on: a start pressed right after the reset must start, not pause.
    this.dropUnflushedMetrics();
    this.carriedSeconds = 0;
    this.sessionSeconds = 0;
    this.seq += 1;
    this.epoch = this.seq;
    this.pendingLoad = null;
    this.pending.push({ seq: this.seq, config: shape });
    this.store.setState({ history: [], latest: null, error: null, running: false, modelSource: 'new model, trained here from scratch', loadNote: null, classAccuracy: null,
      posterior: null, heldOut: null, heldOutProgress: null,
    });
    this.showLive();
    this.sendConfirmed({ type: 'reset', seq: this.seq, shape });
  }

  /**
   * Training settings, loss choices included (none needs new weights). Sends only what changed:
   * values read from the page's store could be older than the worker's.
   */
  updateSettings(patch: Partial<TrainSettings>): void {
    this.seq += 1;
    this.pending.push({ seq: this.seq, settings: patch });
    this.showLive();
    this.sendConfirmed({ type: 'settings', seq: this.seq, settings: patch });
  }

  /**
   * Asks the worker for the true posterior of test digit `digit` (null: none) and, with `live`,
   * for held-out log-likelihoods while training too. Called by the ELBO page's figure.
   */
  analyze(digit: number | null, live: boolean): void {
    this.send({ type: 'analyze', digit, live });
  }

  /**
   * Replaces the model with checked saved weights; the worker keeps the old one if this fails.
   * The file brings weights and the shape they need (latent and hidden size); the reader's
   * training settings (learning rate, batch, beta, loss, seed) stay as they are, whatever the
   * file was trained with. `shipped`: the app's own pretrained file, whose training time is
   * not the reader's.
   */
  loadModel(model: SavedModel, opts: { shipped?: boolean } = {}): void {
    const { config } = this.store.getState();
    // History seconds count the reader's training time: none of the shipped model's (so a
    // restored copy of it does not count as theirs either), all of their own files'.
    const history = (model.history ?? []).map((m) => (opts.shipped ? { ...m, seconds: 0 } : m));
    this.seq += 1;
    this.epoch = this.seq;
    this.pendingLoad = { history, carriedSeconds: history.at(-1)?.seconds ?? 0, before: config };
    // The worker keeps its own settings, loss and seed; the file brings weights and their shape.
    this.sendConfirmed({ type: 'load', seq: this.seq, model });
  }

  /**
   * How long the current model has trained as the reader's own: this session's live training
   * plus what a restored or imported model brought. Asked before a load would replace it.
   */
  trainedSeconds(): number {
    return this.carriedSeconds + this.sessionSeconds;
  }

  /** The current weights, optimizer state, settings and metric history; settles within requestTimeoutMs. */
  exportModel(): Promise<SavedModel> {
    return this.requestExport({ type: 'export', requestId: 0 }, (msg) => {
      if (msg.type === 'exported' && msg.model) return msg.model;
      throw new Error(msg.error ?? 'export failed');
    }).then((m) => ({ ...m, history: this.store.getState().history, source: this.store.getState().modelSource }));
  }

  /**
   * The same, with the weights checked and encoded as a model file's tensors by the worker, with
   * `headerRoom` bytes free in front for the header, and transferred, not copied (what an
   * autosave needs). Weights holding NaN reject with NonFiniteWeightsError. Settles within requestTimeoutMs.
   */
  exportTensors(headerRoom = 0): Promise<ExportedTensors & { history: SavedModel['history']; source: string }> {
    return this.requestExport({ type: 'export-tensors', requestId: 0, headerRoom }, (msg) => {
      if (msg.type === 'exported-tensors' && msg.weights) return msg.weights;
      if (msg.type === 'exported-tensors' && msg.nonFinite) throw new NonFiniteWeightsError(msg.nonFinite);
      throw new Error(msg.error ?? 'export failed');
    }).then((w) => ({ ...w, history: this.store.getState().history, source: this.store.getState().modelSource }));
  }

  /** Sends `request` under a new request id; `take` turns the answer into the result or throws. */
  private requestExport<T>(request: Extract<ToWorker, { type: 'export' | 'export-tensors' }>, take: (msg: ExportAnswer) => T): Promise<T> {
    const requestId = this.nextRequestId++;
    return new Promise<T>((resolve, reject) => {
      if (!this.worker || this.store.getState().crash) {
        reject(new Error('the trainer is not running'));
        return;
      }
      const timer = setTimeout(() => {
        this.pendingExports.delete(requestId);
        reject(new Error(`the trainer did not answer within ${Math.round(this.requestTimeoutMs / 1000)} s`));
      }, this.requestTimeoutMs);
      this.pendingExports.set(requestId, {
        answer: (msg) => {
          clearTimeout(timer);
          // The worker posted every step's metrics before its answer; the page may still hold the
          // last ~250 ms of them unflushed. Without them a restored save would show an older step.
          this.flushMetrics();
          try {
            resolve(take(msg));
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.send({ ...request, requestId });
    });
  }

  whenReady(): Promise<void> {
    const { phase } = this.store.getState();
    if (phase === 'ready' || phase === 'training') return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private pendingLoad: { history: NonNullable<SavedModel['history']>; carriedSeconds: number; before: ModelConfig } | null = null;
  private carriedSeconds = 0;
  /** Worker sessions count seconds from 0 after every load or reset. */
  private sessionSeconds = 0;
  /** Step metrics received but not yet in the store (see METRICS_FLUSH_MS). */
  private unflushed: StepMetrics[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  private flushMetrics(): void {
    const batch = this.unflushed;
    this.dropUnflushedMetrics();
    if (batch.length === 0) return;
    this.store.setState((s) => ({ latest: batch.at(-1)!, history: batch.reduce((h, m) => appendHistory(h, m), s.history) }));
  }

  /** Metrics of a model that is being replaced must never reach the new model's history. */
  private dropUnflushedMetrics(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.unflushed = [];
  }

  /** Test hook: makes the worker lose its WebGL context, as a GPU reset would. */
  debugLoseContext(): void {
    this.send({ type: 'debug-lose-context' });
  }

  /** Test hook: makes the worker fail as a wasm abort does ("Aborted()"). */
  debugCrash(): void {
    this.send({ type: 'debug-crash' });
  }

  dismissError(): void {
    this.store.setState({ error: null });
  }

  /** A new latent size invalidates the slider position, map axes and selection. */
  private fitViewTo(latentDim: number): void {
    if (latentDim !== this.view.getState().z.length) {
      this.view.setState({ z: new Array<number>(latentDim).fill(0), mapDims: [0, 1], selectedIndex: null });
    }
  }

  private send(msg: ToWorker): void {
    this.worker?.postMessage(msg);
  }

  private receive(msg: FromWorker): void {
    const set = this.store.setState;
    if (msg.epoch !== undefined && msg.epoch !== this.epoch && MODEL_MESSAGES.has(msg.type)) return;
    switch (msg.type) {
      case 'live':
        this.confirmed = { config: msg.config, settings: msg.settings };
        this.pending = this.pending.filter((p) => p.seq > msg.seq);
        this.unconfirmed = this.unconfirmed.filter((u) => u.seq > msg.seq);
        this.armWatchdog();
        this.showLive();
        return;
      case 'load-failed':
        if (this.epoch === msg.seq) this.epoch = msg.keptEpoch;
        this.pendingLoad = null;
        set({ error: msg.message });
        return;
      case 'data-error':
        set({ dataError: { message: msg.message, file: msg.file } });
        return;
      case 'progress':
        set({ loadProgress: { loadedBytes: msg.loadedBytes, totalBytes: msg.totalBytes } });
        return;
      case 'ready':
        set({
          phase: 'ready', backend: msg.backend, backendNote: msg.backendNote,
          testSet: { count: msg.testCount, images: msg.testImages, labels: msg.testLabels },
        });
        for (const w of this.readyWaiters.splice(0)) w();
        return;
      case 'loaded': {
        this.dropUnflushedMetrics();
        const history = this.pendingLoad?.history ?? [];
        const before = this.pendingLoad?.before ?? msg.config;
        this.carriedSeconds = this.pendingLoad?.carriedSeconds ?? 0;
        this.sessionSeconds = 0;
        this.pendingLoad = null;
        // The config itself arrives confirmed in the 'live' message that follows.
        set({
          modelSource: msg.source, error: null, loadNote: describeLoad(before, msg.config),
          history, latest: history.at(-1) ?? null, classAccuracy: null, posterior: null, heldOut: null, heldOutProgress: null,
        });
        return;
      }
      case 'exported':
      case 'exported-tensors': {
        const pending = this.pendingExports.get(msg.requestId);
        this.pendingExports.delete(msg.requestId);
        pending?.answer(msg);
        return;
      }
      case 'running':
        this.flushMetrics();
        set({ running: msg.running, phase: msg.running ? 'training' : 'ready' });
        return;
      case 'metrics': {
        // The worker counts from the load; the history continues the loaded model's count.
        this.sessionSeconds = msg.metrics.seconds;
        this.unflushed.push(this.carriedSeconds ? { ...msg.metrics, seconds: msg.metrics.seconds + this.carriedSeconds } : msg.metrics);
        if (msg.metrics.testNelbo !== undefined || !this.store.getState().running) this.flushMetrics();
        else this.flushTimer ??= setTimeout(() => this.flushMetrics(), METRICS_FLUSH_MS);
        return;
      }
      case 'snapshot':
        set({ snapshot: msg.snapshot });
        return;
      case 'reset-done':
        this.dropUnflushedMetrics();
        this.sessionSeconds = 0;
        // Again: metrics of the replaced model may have arrived between reset() and here.
        set({ history: [], latest: null, posterior: null, heldOut: null, heldOutProgress: null });
        return;
      case 'backend':
        set({ backend: msg.backend, backendNote: msg.backendNote });
        return;
      case 'posterior':
        set({ posterior: msg.analysis });
        return;
      case 'held-out':
        set({ heldOut: msg.result, heldOutProgress: null });
        return;
      case 'held-out-progress':
        set({ heldOutProgress: { step: msg.step, digits: msg.digits, of: msg.of } });
        return;
      case 'notice':
        set((s) => ({ notices: [...s.notices, msg.message] }));
        return;
      case 'classifier':
        set({ classifier: { state: msg.state, testAccuracy: msg.testAccuracy } });
        return;
      case 'class-accuracy':
        set({ classAccuracy: { step: msg.step, accuracy: msg.accuracy, perClass: msg.perClass } });
        return;
      case 'error':
        if (msg.fatal) {
          this.crashed(msg.message);
          return;
        }
        this.flushMetrics();
        set({ error: msg.message });
        return;
    }
  }
}

/** What a load changed, as data the panel words: only the model's shape ever changes. */
export function describeLoad(before: ModelConfig, after: ModelConfig): LoadChange {
  const changed: LoadChange = {};
  if (before.latentDim !== after.latentDim) changed.latentDim = { from: before.latentDim, to: after.latentDim };
  if (before.hiddenDim !== after.hiddenDim) changed.hiddenDim = { from: before.hiddenDim, to: after.hiddenDim };
  return changed;
}
