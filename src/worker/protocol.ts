import type { EncodedTensors, SavedModel } from '../model/modelFile';
import type { HeldOutLikelihood, ModelConfig, ModelSnapshot, PosteriorAnalysis, StepMetrics, TrainSettings } from '../shared/types';

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

/**
 * Messages from the page to the training worker. The worker owns the live settings: the page
 * sends only what the reader changed (a patch) and shows what the worker confirms ('live').
 * `seq` numbers every request that changes the model or its settings; the worker echoes the last
 * one it applied. The seq of an init, reset or load also names the model it makes (its epoch).
 */
export type ToWorker =
  | { type: 'init'; seq: number; dataUrl: string; backend: BackendChoice; wasmThreads: number; config: ModelConfig; settings: TrainSettings; testCount: number }
  | { type: 'start' }
  | { type: 'pause' }
  /** New weights from scratch; a changed shape (latent or hidden size, CVAE kind) takes effect here. */
  | { type: 'reset'; seq: number; shape: Partial<ModelConfig> }
  /** Training settings, loss choices included; they take effect at the next step. */
  | { type: 'settings'; seq: number; settings: Partial<TrainSettings> }
  /**
   * Replace the model with saved weights (already checked by decodeModelFile). The file brings
   * weights and their shape; the worker keeps its own live settings and seed.
   */
  | { type: 'load'; seq: number; model: SavedModel }
  /** Fetch the MNIST files that failed to arrive (those that did are kept). */
  | { type: 'retry-data' }
  /** Test hook: fail as a wasm abort does (inert unless sent; only window.vaeLabDebug sends it). */
  | { type: 'debug-crash' }
  /** Ask for the current weights and optimizer state. */
  | { type: 'export'; requestId: number }
  /**
   * The same, checked finite and encoded as a model file's tensors here, with `headerRoom` bytes
   * left free for the header, and transferred: an autosave every few seconds then costs the page
   * no copy, check or encoding of ~10 MB.
   */
  | { type: 'export-tensors'; requestId: number; headerRoom: number }
  /** Test hook: lose the WebGL context as a driver reset would. */
  | { type: 'debug-lose-context' }
  /**
   * The true posterior of test digit `digit` (0-9,999; null: none), redone as the model changes;
   * `live`: keep the held-out log-likelihood fresh while training too (the ELBO page is open).
   */
  | { type: 'analyze'; digit: number | null; live: boolean };

/**
 * Messages from the training worker to the page. Those about one model carry its `epoch` (the
 * seq of the init, reset or load that made it); the page drops any whose model it replaced.
 */
export type FromWorker = FromWorkerBody & { epoch?: number };

type FromWorkerBody =
  | { type: 'progress'; loadedBytes: number; totalBytes: number }
  /** The MNIST download failed (`file`: which one, if known); what arrived is kept for a retry. */
  | { type: 'data-error'; message: string; file: string | null }
  /** The worker's settings as they now are, after every request up to `seq`. */
  | { type: 'live'; seq: number; config: ModelConfig; settings: TrainSettings }
  /** A load was refused; the model of `keptEpoch` stays. */
  | { type: 'load-failed'; seq: number; keptEpoch: number; message: string }
  | {
    type: 'ready'; backend: BackendName; backendNote: string;
    /** The shared held-out subset: testCount x 784 bytes and labels, row i = code i of every snapshot. */
    testImages: Uint8Array; testLabels: Uint8Array; testCount: number;
  }
  | { type: 'running'; running: boolean }
  | { type: 'metrics'; metrics: StepMetrics }
  | { type: 'snapshot'; snapshot: ModelSnapshot }
  | { type: 'reset-done'; config: ModelConfig }
  | { type: 'loaded'; config: ModelConfig; settings: TrainSettings; step: number; source: string }
  | { type: 'exported'; requestId: number; model: SavedModel | null; error?: string }
  /** `nonFinite` names the weights that hold NaN or infinite values (then nothing was encoded). */
  | { type: 'exported-tensors'; requestId: number; weights: ExportedTensors | null; error?: string; nonFinite?: string }
  | { type: 'notice'; message: string }
  /** The worker's digit classifier: training, or ready with its accuracy on the 10,000 test digits. */
  | { type: 'classifier'; state: 'training' | 'ready'; testAccuracy?: number }
  /** Classifier's verdict on 1,000 prior samples (100 per class) of a conditional model at `step`. */
  | { type: 'class-accuracy'; step: number; accuracy: number; perClass: number[] }
  | { type: 'backend'; backend: BackendName; backendNote: string }
  | { type: 'error'; message: string; fatal: boolean }
  | { type: 'posterior'; analysis: PosteriorAnalysis }
  | { type: 'held-out'; result: HeldOutLikelihood }
  /** The IWAE pass of the model at `step` has done `digits` of `of` test digits. */
  | { type: 'held-out-progress'; step: number; digits: number; of: number };

/** A model's weights and Adam state, encoded for a model file in the worker (see 'export-tensors'). */
export interface ExportedTensors {
  config: ModelConfig;
  settings: TrainSettings;
  step: number;
  momentSteps: number;
  savedAt: string;
  tensors: EncodedTensors;
  /** How long the export took in the worker (reads, check, encoding): time the trainer shared with it. */
  workerMs: number;
}
