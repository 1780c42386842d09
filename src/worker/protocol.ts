import type { SavedModel } from '../model/modelFile';
import type { HeldOutLikelihood, ModelConfig, ModelSnapshot, PosteriorAnalysis, StepMetrics, TrainSettings } from '../shared/types';

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = BackendName | 'auto';

/** Messages from the page to the training worker. */
export type ToWorker =
  | { type: 'init'; dataUrl: string; backend: BackendChoice; wasmThreads: number; config: ModelConfig; settings: TrainSettings; testCount: number }
  | { type: 'start' }
  | { type: 'pause' }
  /** New weights from scratch; a changed latent or hidden size takes effect here. */
  | { type: 'reset'; config: ModelConfig }
  | { type: 'settings'; settings: TrainSettings; reconLoss: ModelConfig['reconLoss']; reconReduction: ModelConfig['reconReduction']; pixels: ModelConfig['pixels'] }
  /** Replace the model with saved weights (already checked by decodeModelFile). */
  | { type: 'load'; model: SavedModel }
  /** Ask for the current weights and optimizer state. */
  | { type: 'export'; requestId: number }
  /** Test hook: lose the WebGL context as a driver reset would. */
  | { type: 'debug-lose-context' }
  /**
   * The true posterior of test digit `digit` (0-9,999; null: none), redone as the model changes;
   * `live`: keep the held-out log-likelihood fresh while training too (the ELBO page is open).
   */
  | { type: 'analyze'; digit: number | null; live: boolean };

/** Messages from the training worker to the page. */
export type FromWorker =
  | { type: 'progress'; loadedBytes: number; totalBytes: number }
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
