/** Plain data shapes shared by the trainer, the worker protocol and the UI. No tfjs here. */

// The loss choices and training settings are defined with every other setting's bounds and
// default in src/settings/schema.ts; the model reads them from there.
export type { PixelMode, ReconLoss, ReconReduction, TrainSettings } from '../settings/schema';

/**
 * Which conditional VAE. 'essay': one learned prior mean mu^Y per class, the encoder and decoder
 * never see the label. 'standard' (Sohn, Lee & Yan 2015): the one-hot label is a second input of
 * the encoder and of the decoder, and the prior stays N(0, I).
 */
export type CvaeKind = 'essay' | 'standard';
export const CVAE_KINDS: readonly CvaeKind[] = ['essay', 'standard'];

export interface ModelConfig {
  latentDim: number;
  hiddenDim: number;
  /** A conditional VAE (of `kind`) rather than the plain VAE. */
  conditional: boolean;
  /** Only read when conditional; absent (files saved before the standard CVAE existed) = 'essay'. */
  kind?: CvaeKind;
  seed: number;
}

/** Numbers from one training step, per sample, in nats. */
export interface StepMetrics {
  step: number;
  epoch: number;
  /** Seconds of training time since start or reset (paused time excluded). */
  seconds: number;
  samplesPerSec: number;
  loss: number;
  recon: number;
  kl: number;
  klPerDim: number[];
  /** Mean posterior sigma over the batch and latent dims. */
  meanSigma: number;
  /** Held-out negative ELBO (beta = 1) on test digits, when evaluated at this step. */
  testNelbo?: number;
  /** tf.memory().numTensors in the worker after the step: must stay flat. */
  numTensors?: number;
  /** Training loops running in the worker when this step finished: 1, never more. */
  activeLoops?: number;
}

/**
 * Decoder weights copied out of the model, row-major, so the page can decode
 * z -> image on the CPU without tfjs (instant sliders).
 * hidden = relu(z W1 + b1); logits = hidden W2 + b2; image = sigmoid(logits).
 */
export interface DecoderWeights {
  latentDim: number;
  hiddenDim: number;
  w1: Float32Array; // latentDim x hiddenDim
  b1: Float32Array; // hiddenDim
  w2: Float32Array; // hiddenDim x 784
  b2: Float32Array; // 784
  /**
   * Standard CVAE: the rows of the first layer that the one-hot label multiplies, 10 x hiddenDim
   * (hidden = relu(z W1 + onehot(y) labelW + b1)); absent for models whose decoder is label-blind.
   */
  labelW?: Float32Array;
}

/** Encoder weights, same layout, so a drawn digit can be encoded on the page. */
export interface EncoderWeights {
  latentDim: number;
  hiddenDim: number;
  w1: Float32Array; // 784 x hiddenDim
  b1: Float32Array;
  wMu: Float32Array; // hiddenDim x latentDim
  bMu: Float32Array;
  wLogVar: Float32Array;
  bLogVar: Float32Array;
  /** Standard CVAE: 10 x hiddenDim rows for the one-hot label, as in DecoderWeights. */
  labelW?: Float32Array;
}

/** Posterior parameters of held-out digits: row i is digit i of the shared test subset. */
export interface TestCodes {
  count: number;
  latentDim: number;
  mu: Float32Array; // count x latentDim
  logVar: Float32Array; // count x latentDim
}

export interface ModelSnapshot {
  step: number;
  config: ModelConfig;
  decoder: DecoderWeights;
  encoder: EncoderWeights;
  codes: TestCodes;
  /** CVAE class means mu^Y, 10 x latentDim, or null for a plain VAE. */
  classMeans: Float32Array | null;
}

/** The conditional kind of a config, or null for the plain VAE. */
export function cvaeKindOf(config: Pick<ModelConfig, 'conditional' | 'kind'>): CvaeKind | null {
  return config.conditional ? (config.kind ?? 'essay') : null;
}

export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;
export const NUM_CLASSES = 10;

/** A diagonal Gaussian on the latent plane: centre and log sigma^2 per axis. */
export interface PlaneGaussian {
  mu: [number, number];
  logVar: [number, number];
}

/**
 * One digit's true posterior and the ELBO's gap, all in nats (issue 11). Latent size 2 only.
 * gapTotal = logPx - elboQ = KL(q || p(z|x)); gapApprox = logPx - elboBest;
 * gapAmort = elboBest - elboQ.
 */
export interface PosteriorAnalysis {
  /** Index into the 10,000 MNIST test digits. */
  digit: number;
  label: number;
  /** The digit's 784 intensities in [0, 1] (the page holds only the first 2,000). */
  pixels: Float32Array;
  /** Training step of the weights analysed. */
  step: number;
  logPx: number;
  elboQ: number;
  elboBest: number;
  /** KL(q || p(z|x)) by quadrature on the grid, an independent check of gapTotal. */
  klQGrid: number;
  gapTotal: number;
  gapApprox: number;
  gapAmort: number;
  q: PlaneGaussian;
  best: PlaneGaussian;
  priorMu: [number, number];
  /** log p(z|x) on a side x side raster over [lo, hi] (row = axis 1), for the heat map. */
  heat: { lo: [number, number]; hi: [number, number]; side: number; logDensity: Float32Array };
  /** Quadrature points used, and sub-cells per side of each refined coarse cell. */
  gridPoints: number;
  split: number;
  /** Wall time of the analysis in the worker, including training steps in between. */
  ms: number;
}

/** The held-out log-likelihood estimates shown in the panel, in nats per digit. */
export interface HeldOutLikelihood {
  step: number;
  /** Importance-weighted estimate of -log p(x): K samples from q per digit. */
  iwaeNats: number;
  samples: number;
  digits: number;
  /** Latent size 2: -log p(x) by the grid on the first `gridDigits` test digits, with IWAE on the same digits. */
  grid: { nats: number; iwaeNats: number; digits: number } | null;
  ms: number;
}
