import type { ModelConfig, TrainSettings } from '../model/types';
import { appendHistory, type LabState } from '../state/labState';
import { createStore, type Store } from '../state/store';
import { initialViewState, type ViewState } from '../state/viewState';
import type { BackendChoice, FromWorker, ToWorker } from '../worker/protocol';

export const TEST_SUBSET = 2000;

/**
 * The bridge between one training worker and one store. The worker owns the model; this
 * class only forwards commands and turns the worker's messages into store updates.
 */
export class LabController {
  readonly store: Store<LabState>;
  /** Selection, slider position and drawings for this model's views. */
  readonly view: Store<ViewState>;
  private worker: Worker | null = null;
  /** Called when this lab starts training, so another lab can pause (two on 2 cores halve both). */
  onStart: (() => void) | null = null;

  constructor(
    config: ModelConfig,
    settings: TrainSettings,
    private readonly backend: BackendChoice,
    private readonly dataUrl: string,
  ) {
    this.store = createStore<LabState>({
      phase: 'loading', running: false, loadProgress: null, backend: null, backendNote: '',
      error: null, notices: [], config, settings, latest: null, history: [], snapshot: null,
      testSet: null, modelSource: 'new model, trained here from scratch',
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
    this.send({ type: 'init', dataUrl: this.dataUrl, backend: this.backend, config, settings, testCount: TEST_SUBSET });
  }

  disconnect(): void {
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
    this.store.setState({ config: next, history: [], latest: null, error: null, modelSource: 'new model, trained here from scratch' });
    if (next.latentDim !== this.view.getState().z.length) {
      this.view.setState({ z: new Array<number>(next.latentDim).fill(0), mapDims: [0, 1], selectedIndex: null });
    }
    this.send({ type: 'reset', config: next });
  }

  updateSettings(patch: Partial<TrainSettings>, recon: Partial<Pick<ModelConfig, 'reconLoss' | 'reconReduction'>> = {}): void {
    const { settings, config } = this.store.getState();
    const nextSettings = { ...settings, ...patch };
    const nextConfig = { ...config, ...recon };
    this.store.setState({ settings: nextSettings, config: nextConfig });
    this.send({ type: 'settings', settings: nextSettings, reconLoss: nextConfig.reconLoss, reconReduction: nextConfig.reconReduction });
  }

  dismissError(): void {
    this.store.setState({ error: null });
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
        return;
      case 'running':
        set({ running: msg.running, phase: msg.running ? 'training' : 'ready' });
        return;
      case 'metrics': {
        // Metrics from a model that a reset has replaced are dropped.
        set((s) => ({ latest: msg.metrics, history: appendHistory(s.history, msg.metrics) }));
        return;
      }
      case 'snapshot':
        set({ snapshot: msg.snapshot });
        return;
      case 'reset-done':
        set({ history: [], latest: null });
        return;
      case 'notice':
        set((s) => ({ notices: [...s.notices, msg.message] }));
        return;
      case 'error':
        set(msg.fatal ? { phase: 'error', running: false, error: msg.message } : { error: msg.message });
        return;
    }
  }
}
