import * as tf from '@tensorflow/tfjs';
import { Adam } from './adam';
import { binarizeBatch } from './binarize';
import { explicitStep, type ReadoutScale, readoutFromSums } from './explicitStep';
import { vaeLoss } from './losses';
import {
  createParams, decodeLogits, disposeParams, encode, paramList, priorMeans, reparameterize,
  type VaeParams,
} from './vae';
import type {
  DecoderWeights, EncoderWeights, ModelConfig, ModelSnapshot, TestCodes, TrainSettings,
} from '../shared/types';

/** What one step reports, read back from a single small tensor. */
export interface StepReadout {
  loss: number;
  recon: number;
  kl: number;
  meanSigma: number;
  klPerDim: number[];
}

const EVAL_CHUNK = 500;

const ADAM_BETA1 = 0.9;
/**
 * Adam's second-moment decay for the reader's model: 0.99, not the usual 0.999. Measured by
 * scripts/sweep.mjs (default model, lr 1e-2, batch 128, tfjs-wasm, held-out -ELBO on 1,000 test
 * digits, seeds 1-3; bench/README.md): the median run reached 155 nats after 179k training
 * samples against 237k at 0.999, and 165 nats no later. The files in public/pretrained were made
 * with 0.999 (scripts/pretrainJob.ts keeps it, so they rebuild as they are).
 */
export const TRAINER_ADAM_BETA2 = 0.99;

/** How to read each training step's readout; keyed by the tensor, so it goes when the tensor does. */
const readoutScales = new WeakMap<tf.Tensor, ReadoutScale>();

/**
 * Owns one VAE (or CVAE) and its optimizer. Knows nothing about workers, pages or data files:
 * batches arrive as tensors, results leave as numbers and typed arrays.
 */
export class VaeTrainer {
  readonly config: ModelConfig;
  readonly params: VaeParams;
  readonly optimizer: Adam;
  private disposed = false;

  constructor(config: ModelConfig, settings: Pick<TrainSettings, 'learningRate'>, opts: { adamBeta2?: number } = {}) {
    this.config = { ...config };
    this.params = createParams(this.config);
    this.optimizer = new Adam(paramList(this.params), settings.learningRate, ADAM_BETA1, opts.adamBeta2 ?? TRAINER_ADAM_BETA2);
  }

  get step(): number {
    return this.optimizer.step;
  }

  /**
   * One Adam step on a batch, its gradients derived by hand (explicitStep.ts; checked against
   * tfjs's autodiff of losses.ts in tests/model/explicitStep.test.ts). Returns a 1-D tensor of
   * the step's sums that the caller reads with VaeTrainer.read when it wants (reading every
   * step would stall a GPU pipeline) and must dispose.
   */
  trainStep(x: tf.Tensor2D, labels: tf.Tensor1D | null, settings: TrainSettings): tf.Tensor1D {
    this.assertAlive();
    this.optimizer.learningRate = settings.learningRate;
    const { latentDim } = this.config;
    // The loss choices are training settings: the reader may switch them between two steps.
    const { reconLoss, reconReduction, pixels } = settings;
    const batch = x.shape[0];
    let readout: tf.Tensor1D | null = null;
    let scale: ReadoutScale | null = null;
    tf.tidy(() => {
      // A fresh Bernoulli draw of the batch each step (dynamic binarization) when pixels are binarized.
      const xs = pixels === 'binarized' ? binarizeBatch(x) : x;
      const eps = tf.randomNormal([batch, latentDim]) as tf.Tensor2D;
      const step = explicitStep(this.params, xs, labels, eps, { reconLoss, reconReduction, klWeight: settings.klWeight });
      this.optimizer.apply(step.grads, step.scales);
      readout = tf.keep(step.sums);
      scale = step.scale;
    });
    if (!readout || !scale) throw new Error('training step produced no readout');
    readoutScales.set(readout, scale);
    return readout;
  }

  static async read(readout: tf.Tensor1D): Promise<StepReadout> {
    const scale = readoutScales.get(readout);
    if (!scale) throw new Error('not a readout of VaeTrainer.trainStep');
    return readoutFromSums(await readout.data(), scale);
  }

  /**
   * Held-out negative ELBO in nats per digit: summed Bernoulli cross-entropy + KL at beta = 1,
   * one reparameterized sample per digit with a fixed seed, so successive evaluations differ
   * only because the model changed. A binarized model is scored on binary digits (the caller's
   * fixed binarization), where this is a true Bernoulli negative log-likelihood bound.
   */
  async evaluateNelbo(x: tf.Tensor2D, labels: tf.Tensor1D | null): Promise<number> {
    this.assertAlive();
    const n = x.shape[0];
    let total = 0;
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      const size = Math.min(EVAL_CHUNK, n - start);
      const sum = tf.tidy(() => {
        const xs = tf.slice(x, [start, 0], [size, -1]) as tf.Tensor2D;
        const ys = labels ? (tf.slice(labels, [start], [size]) as tf.Tensor1D) : null;
        const { mu, logVar } = encode(this.params, xs, ys);
        const eps = tf.randomNormal([size, this.config.latentDim], 0, 1, 'float32', 1234 + start) as tf.Tensor2D;
        const logits = decodeLogits(this.params, reparameterize(mu, logVar, eps), ys);
        const prior = this.params.classMeans ? priorMeans(this.params, ys, size, this.config.latentDim) : undefined;
        const parts = vaeLoss(logits, xs, mu, logVar, 1, 'bce', 'sum', prior);
        return tf.mul(parts.loss, size);
      });
      total += (await sum.data())[0] ?? NaN;
      sum.dispose();
    }
    return total / n;
  }

  /** Posterior (mu, log sigma^2) of each row of x, for the latent map (labels: the standard CVAE's q(z|x, y)). */
  async encodeCodes(x: tf.Tensor2D, labels?: tf.Tensor1D | null): Promise<TestCodes> {
    this.assertAlive();
    const n = x.shape[0];
    const d = this.config.latentDim;
    const mu = new Float32Array(n * d);
    const logVar = new Float32Array(n * d);
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      const size = Math.min(EVAL_CHUNK, n - start);
      const post = tf.tidy(() => encode(
        this.params, tf.slice(x, [start, 0], [size, -1]) as tf.Tensor2D,
        labels ? (tf.slice(labels, [start], [size]) as tf.Tensor1D) : null,
      ));
      mu.set(await post.mu.data(), start * d);
      logVar.set(await post.logVar.data(), start * d);
      post.mu.dispose();
      post.logVar.dispose();
    }
    return { count: n, latentDim: d, mu, logVar };
  }

  async decoderWeights(): Promise<DecoderWeights> {
    const p = this.params;
    return {
      latentDim: this.config.latentDim,
      hiddenDim: this.config.hiddenDim,
      w1: await floats(p.decW1), b1: await floats(p.decB1),
      w2: await floats(p.decW2), b2: await floats(p.decB2),
      ...(p.decLabelW ? { labelW: await floats(p.decLabelW) } : {}),
    };
  }

  async encoderWeights(): Promise<EncoderWeights> {
    const p = this.params;
    return {
      latentDim: this.config.latentDim,
      hiddenDim: this.config.hiddenDim,
      w1: await floats(p.encW), b1: await floats(p.encB),
      wMu: await floats(p.muW), bMu: await floats(p.muB),
      wLogVar: await floats(p.logVarW), bLogVar: await floats(p.logVarB),
      ...(p.encLabelW ? { labelW: await floats(p.encLabelW) } : {}),
    };
  }

  /**
   * Weights for the page's CPU encoder/decoder, plus test codes. Encoding 2,000 digits costs
   * more than a training step, so a caller may pass the codes it computed a moment ago.
   */
  async snapshot(testX: tf.Tensor2D, recentCodes?: TestCodes, testLabels?: tf.Tensor1D | null): Promise<ModelSnapshot> {
    return {
      step: this.step,
      config: { ...this.config },
      decoder: await this.decoderWeights(),
      encoder: await this.encoderWeights(),
      codes: recentCodes && recentCodes.latentDim === this.config.latentDim ? recentCodes : await this.encodeCodes(testX, testLabels),
      classMeans: this.params.classMeans ? await floats(this.params.classMeans) : null,
    };
  }

  /** Every parameter and moment estimate as a copy, for saving or NaN recovery. */
  async exportState(): Promise<{ params: Float32Array[]; m: Float32Array[]; v: Float32Array[]; step: number; momentSteps: number }> {
    const list = paramList(this.params);
    return {
      params: await Promise.all(list.map(floats)),
      m: await Promise.all(this.optimizer.m.map(floats)),
      v: await Promise.all(this.optimizer.v.map(floats)),
      step: this.optimizer.step,
      momentSteps: this.optimizer.momentSteps,
    };
  }

  importState(state: { params: Float32Array[]; m?: Float32Array[]; v?: Float32Array[]; step?: number; momentSteps?: number }): void {
    const list = paramList(this.params);
    if (state.params.length !== list.length) throw new Error('weights do not match this model\'s layers');
    const assignAll = (targets: tf.Variable[], values: Float32Array[]): void => {
      targets.forEach((t, i) => {
        const src = values[i];
        if (!src || src.length !== t.size) throw new Error(`weight ${i} has ${src?.length ?? 0} values, expected ${t.size}`);
        tf.tidy(() => t.assign(tf.tensor(src, t.shape)));
      });
    };
    assignAll(list, state.params);
    if (state.m && state.v) {
      assignAll(this.optimizer.m, state.m);
      assignAll(this.optimizer.v, state.v);
      // Files older than the moment count saved their moments' age as the step.
      this.optimizer.momentSteps = state.momentSteps ?? state.step ?? this.optimizer.momentSteps;
    } else {
      // No moments: they start afresh, and so does their bias correction.
      for (const x of [...this.optimizer.m, ...this.optimizer.v]) tf.tidy(() => x.assign(tf.zerosLike(x)));
      this.optimizer.momentSteps = 0;
    }
    if (state.step !== undefined) this.optimizer.step = state.step;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeParams(this.params);
    this.optimizer.dispose();
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('VaeTrainer used after dispose()');
  }
}

async function floats(t: tf.Tensor): Promise<Float32Array> {
  const data = await t.data();
  return data instanceof Float32Array ? new Float32Array(data) : Float32Array.from(data);
}
