import type { SavedModel } from '../model/modelFile';
import type { ModelConfig, TrainSettings } from '../shared/types';
import { appendHistory, type LabState, type LoadChange } from '../state/labState';
import { createStore, type Store } from '../state/store';
import { initialViewState, type ViewState } from '../state/viewState';
import type { BackendChoice, FromWorker, ToWorker } from '../worker/protocol';
import type { StepMetrics } from '../shared/types';

export const TEST_SUBSET = 2000;

/**
 * Step metrics reach the page at most this often while training (a held-out score goes at
 * once). The worker sends one per step, ~20-40 a second; redrawing the panel and curves for
 * each kept the page's renderer and the GPU process busy for most of a core, the core the
 * trainer's second thread needs on a 2-core machine.
 */
export const METRICS_FLUSH_MS = 250;

/**
 * The bridge between one training worker and one store. The worker owns the model; this
 * class only forwards commands and turns the worker's messages into store updates.
 */
export class LabController {
  readonly store: Store<LabState>;
  /** Selection, slider position and drawings for this model's views. */
  readonly view: Store<ViewState>;
  private worker: Worker | null = null;
  private nextRequestId = 1;
  private readonly pendingExports = new Map<number, { resolve: (m: SavedModel) => void; reject: (e: Error) => void }>();
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
      posterior: null, heldOut: null, heldOutProgress: null,
    });
    this.view = createStore<ViewState>(initialViewState(config.latentDim));
  }

  /** Starts the worker; idempotent, so React StrictMode's double effects make one worker. */
  connect(): void {
    if (this.worker) return;
    const worker = new Worker(new URL('../worker/trainWorker.ts', import.meta.url), { type: 'module', name: 'vae-trainer' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    worker.onerror = (e) => {
      this.store.setState({ phase: 'error', running: false, error: `The training worker failed: ${e.message || 'unknown error'}` });
    };
    this.worker = worker;
    const { config, settings } = this.store.getState();
    this.send({ type: 'init', dataUrl: this.dataUrl, backend: this.backend, wasmThreads: this.wasmThreads, config, settings, testCount: TEST_SUBSET });
  }

  disconnect(): void {
    this.dropUnflushedMetrics();
    this.worker?.terminate();
    this.worker = null;
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

  /** New weights; config changes (latent or hidden size) take effect here. */
  reset(config: Partial<ModelConfig> = {}): void {
    const next = { ...this.store.getState().config, ...config };
    // Not running from here on: a start pressed right after the reset must start, not pause.
    this.dropUnflushedMetrics();
    this.carriedSeconds = 0;
    this.sessionSeconds = 0;
    this.store.setState({ config: next, history: [], latest: null, error: null, running: false, modelSource: 'new model, trained here from scratch', loadNote: null, classAccuracy: null,
      posterior: null, heldOut: null, heldOutProgress: null,
    });
    this.fitViewTo(next.latentDim);
    this.send({ type: 'reset', config: next });
  }

  updateSettings(patch: Partial<TrainSettings>, recon: Partial<Pick<ModelConfig, 'reconLoss' | 'reconReduction' | 'pixels'>> = {}): void {
    const { settings, config } = this.store.getState();
    const nextSettings = { ...settings, ...patch };
    const nextConfig = { ...config, ...recon };
    this.store.setState({ settings: nextSettings, config: nextConfig });
    this.send({ type: 'settings', settings: nextSettings, reconLoss: nextConfig.reconLoss, reconReduction: nextConfig.reconReduction, pixels: nextConfig.pixels });
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
    const { settings, config } = this.store.getState();
    const kept: SavedModel = {
      ...model,
      settings,
      config: { ...model.config, reconLoss: config.reconLoss, reconReduction: config.reconReduction, seed: config.seed },
    };
    // History seconds count the reader's training time: none of the shipped model's (so a
    // restored copy of it does not count as theirs either), all of their own files'.
    const history = (model.history ?? []).map((m) => (opts.shipped ? { ...m, seconds: 0 } : m));
    this.pendingLoad = { history, carriedSeconds: history.at(-1)?.seconds ?? 0, before: config };
    this.send({ type: 'load', model: kept });
  }

  /**
   * How long the current model has trained as the reader's own: this session's live training
   * plus what a restored or imported model brought. Asked before a load would replace it.
   */
  trainedSeconds(): number {
    return this.carriedSeconds + this.sessionSeconds;
  }

  /** The current weights, optimizer state, settings and metric history. */
  exportModel(): Promise<SavedModel> {
    const requestId = this.nextRequestId++;
    return new Promise<SavedModel>((resolve, reject) => {
      if (!this.worker) {
        reject(new Error('the trainer is not running'));
        return;
      }
      this.pendingExports.set(requestId, { resolve, reject });
      this.send({ type: 'export', requestId });
    }).then((m) => ({ ...m, history: this.store.getState().history, source: this.store.getState().modelSource }));
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
    switch (msg.type) {
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
        set({
          config: msg.config, modelSource: msg.source, error: null, loadNote: describeLoad(before, msg.config),
          history, latest: history.at(-1) ?? null, classAccuracy: null, posterior: null, heldOut: null, heldOutProgress: null,
        });
        this.fitViewTo(msg.config.latentDim);
        return;
      }
      case 'exported': {
        const pending = this.pendingExports.get(msg.requestId);
        this.pendingExports.delete(msg.requestId);
        if (!pending) return;
        if (msg.model) pending.resolve(msg.model);
        else pending.reject(new Error(msg.error ?? 'export failed'));
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
        this.flushMetrics();
        this.pendingLoad = null;
        set(msg.fatal ? { phase: 'error', running: false, error: msg.message } : { error: msg.message });
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
