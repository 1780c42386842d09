import type { HeldOutLikelihood, ModelConfig, ModelSnapshot, PosteriorAnalysis, StepMetrics, TrainSettings } from '../shared/types';
import type { BackendName } from '../worker/protocol';
import type { UrlNotice } from './urlSchema';

export type LabPhase = 'loading' | 'ready' | 'training' | 'error';

export interface TestSet {
  count: number;
  /** count x 784 bytes. */
  images: Uint8Array;
  labels: Uint8Array;
}

/** Everything the page shows about one trained model. Plain numbers and arrays only. */
export interface LabState {
  phase: LabPhase;
  running: boolean;
  loadProgress: { loadedBytes: number; totalBytes: number } | null;
  backend: BackendName | null;
  backendNote: string;
  /** A problem the reader should see; training state is kept. */
  error: string | null;
  /** Plain text, or a URL notice kept as data so it is worded in the reader's current language. */
  notices: (string | UrlNotice)[];
  config: ModelConfig;
  settings: TrainSettings;
  latest: StepMetrics | null;
  /** Metrics per step since the last reset. */
  history: StepMetrics[];
  /** Held-out negative ELBO points (sparse). */
  snapshot: ModelSnapshot | null;
  testSet: TestSet | null;
  /** Which weights are showing: "trained here from scratch" or a loaded model's name. */
  modelSource: string;
  /** ISO time of the save this model was restored from on load, or null. */
  restoredFrom: string | null;
  lastSavedAt: string | null;
  /** What the last load changed (worded by the panel); null after a reset. */
  loadNote: LoadChange | null;
  /** Conditional models: the digit classifier that scores generated samples (absent elsewhere). */
  classifier?: { state: 'training' | 'ready'; testAccuracy?: number } | null;
  /** Conditional models: class accuracy of 1,000 prior samples at a step, or null until measured. */
  classAccuracy?: { step: number; accuracy: number; perClass: number[] } | null;
  /** The true posterior of the analysed digit (latent size 2), or null until one is ready. */
  posterior: PosteriorAnalysis | null;
  /** The held-out log-likelihood estimates, or null until the first is ready. */
  heldOut: HeldOutLikelihood | null;
  /** The worker died (a wasm abort, an uncaught error): `reason` as it said; a restart is offered. */
  crash: { reason: string } | null;
  /** A settings change, reset or load has waited longer than the request timeout for the worker. */
  stalled: boolean;
  /** The MNIST download failed: what went wrong and which file; a retry is offered. */
  dataError: { message: string; file: string | null } | null;
  /** The IWAE pass under way (digits done of all), or null when none is. */
  heldOutProgress: { step: number; digits: number; of: number } | null;
}

export const HISTORY_LIMIT = 20_000;

/** Keeps the history bounded by dropping every other old point once it is full. */
export function appendHistory(history: StepMetrics[], m: StepMetrics, limit = HISTORY_LIMIT): StepMetrics[] {
  if (history.length < limit) return [...history, m];
  const half = history.length / 2;
  const thinned = history.filter((p, i) => i >= half || i % 2 === 0 || p.testNelbo !== undefined);
  return [...thinned, m];
}

/** What a load changed: only the model's shape ever does (the reader's settings are kept). */
export interface LoadChange {
  latentDim?: { from: number; to: number };
  hiddenDim?: { from: number; to: number };
}
