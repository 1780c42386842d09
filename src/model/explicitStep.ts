import * as tf from '@tensorflow/tfjs';
import { PARAM_ORDER, type ParamKey } from '../shared/architecture';
import { dense, matMul } from './denseKernel';
import { NUM_CLASSES, PIXELS, type ReconLoss, type ReconReduction } from '../shared/types';
import type { VaeParams } from './vae';

/** What turns the step's raw sums into per-digit numbers (see readoutFromSums). */
export interface ReadoutScale {
  batch: number;
  latentDim: number;
  klWeight: number;
  /** Pixels a reconstruction term is divided by: 1 for 'sum', 784 for the pixel mean. */
  pixelDivisor: number;
}

/**
 * One training step's gradients, derived by hand. grads[i] belongs to paramList(params)[i]; the
 * true gradient of the batch loss is grads[i] * scales[i] (the common factor, e.g. 1/batch, is
 * left for Adam to fold into its own multiplications instead of costing a kernel per tensor).
 */
export interface ExplicitStep {
  grads: tf.Tensor[];
  scales: number[];
  /** [reconstruction summed over the batch, sigma summed per latent dim (Z), KL sums per dim (Z)]. */
  sums: tf.Tensor1D;
  scale: ReadoutScale;
}

export interface StepLoss {
  reconLoss: ReconLoss;
  reconReduction: ReconReduction;
  klWeight: number;
}

/** relu(input W + b [+ onehot(y) W_label]); wasm's fused product takes only a per-column bias, so the label term is added apart. */
function reluLayer(input: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor, labelW: tf.Tensor | undefined, oneHot: tf.Tensor2D | null): tf.Tensor2D {
  if (!labelW || !oneHot) return dense(input, w, b, 'relu');
  return tf.relu(tf.add(dense(input, w, b, 'linear'), matMul(oneHot, labelW))) as tf.Tensor2D;
}

/**
 * Forward and backward pass of the loss in losses.ts (recon + beta KL, mean over the batch) for
 * the VAE and both CVAEs, without the autodiff tape: every product, transpose and element-wise
 * op below is one kernel, and nothing is computed for the pixels' own gradient.
 *
 * With L the batch loss, c = dL/dlogits / D (the part common to every pixel), and k = beta/(B c):
 *   D        = sigmoid(l) - x (cross-entropy), or (sigmoid(l) - x) s (1 - s) with c doubled (MSE)
 *   dL/dW2   = c hD^T D,   dL/dhD = c D W2^T,  then relu's mask
 *   dL/dmu   = c (gz + k (mu - mu_prior))                  (reparameterization: dz/dmu = 1)
 *   dL/dlogv = c/2 (gz eps sigma + k (sigma^2 - 1))         (dz/dlogv = eps sigma / 2; the KL's)
 * Products whose transposed form wasm runs slowly at large sizes (x^T g, g W^T) are done on
 * explicit transposes of the smaller operand; the tiny latent-sized ones keep the transposed form.
 */
export function explicitStep(params: VaeParams, x: tf.Tensor2D, labels: tf.Tensor1D | null, eps: tf.Tensor2D, loss: StepLoss): ExplicitStep {
  const p = params;
  const batch = x.shape[0];
  const latentDim = eps.shape[1];
  const conditional = Boolean(p.classMeans || p.encLabelW);
  if (conditional && !labels) throw new Error('the conditional VAE needs the labels');
  // int32 then a cast: wasm's OneHot kernel writes integers whatever dtype it is asked for.
  const oneHot = conditional && labels ? tf.cast(tf.oneHot(labels, NUM_CLASSES), 'float32') as tf.Tensor2D : null;

  // Forward.
  const hE = reluLayer(x, p.encW, p.encB, p.encLabelW, oneHot);
  const mu = dense(hE, p.muW, p.muB, 'linear');
  const logVar = dense(hE, p.logVarW, p.logVarB, 'linear');
  const sigma = tf.exp(tf.mul(logVar, 0.5));
  const epsSigma = tf.mul(eps, sigma);
  const z = tf.add(mu, epsSigma) as tf.Tensor2D;
  const hD = reluLayer(z, p.decW1, p.decB1, p.decLabelW, oneHot);
  const logits = dense(hD, p.decW2, p.decB2, 'linear');

  // Reconstruction: its gradient D and its per-digit value.
  const pixelDivisor = loss.reconReduction === 'sum' ? 1 : PIXELS;
  const s = tf.sigmoid(logits);
  const residual = tf.sub(s, x);
  let d: tf.Tensor2D;
  let c: number;
  let reconRows: tf.Tensor2D;
  if (loss.reconLoss === 'bce') {
    d = residual as tf.Tensor2D;
    c = 1 / (batch * pixelDivisor);
    // softplus(l) - l x, with softplus(l) = relu(l) - log sigmoid(|l|) and sigmoid(|l|) = max(s, 1 - s):
    // the log's argument stays in [0.5, 1] (no log 0), and this reuses s where wasm's own softplus
    // kernel is ~50x slower than sigmoid.
    const perPixel = tf.sub(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log(tf.maximum(s, tf.sub(1, s))));
    reconRows = tf.sum(perPixel, 1, true) as tf.Tensor2D;
  } else {
    // s (1 - s), not s - s^2: near s = 1 the latter cancels away its digits.
    d = tf.mul(residual, tf.mul(s, tf.sub(1, s))) as tf.Tensor2D;
    c = 2 / (batch * pixelDivisor);
    reconRows = tf.sum(tf.square(residual), 1, true) as tf.Tensor2D;
  }

  // Decoder. The pre-activation gradient is kept transposed, [hidden, batch]: it comes out of the
  // plain product W2 (D^T) that way, and D^T (100k values) is cheaper to transpose than W2 (400k).
  const hDT = tf.transpose(hD);
  const gDecW2 = matMul(hDT, d);
  const gDecB2 = tf.sum(d, 0);
  const gPreDT = tf.mul(matMul(p.decW2, tf.transpose(d)), tf.step(hDT)) as tf.Tensor2D;
  const gDecB1 = tf.sum(gPreDT, 1);
  const gDecW1 = matMul(z, gPreDT, true, true);
  const gz = matMul(gPreDT, p.decW1, true, true);

  // Latent: reparameterization and the closed-form KL, in units of c.
  const k = loss.klWeight / (batch * c);
  const prior = p.classMeans && oneHot ? matMul(oneHot, p.classMeans) : null;
  const diff = prior ? tf.sub(mu, prior) : mu;
  const kDiff = tf.mul(diff, k);
  const gMu = tf.add(gz, kDiff) as tf.Tensor2D;
  const sigma2 = tf.square(sigma);
  const gLogVar = tf.mul(tf.add(tf.mul(gz, epsSigma), tf.mul(tf.sub(sigma2, 1), k)), 0.5) as tf.Tensor2D;

  // Encoder.
  const hET = tf.transpose(hE);
  const gHE = tf.mul(tf.add(matMul(gMu, p.muW, false, true), matMul(gLogVar, p.logVarW, false, true)), tf.step(hE)) as tf.Tensor2D;
  const grads: Partial<Record<ParamKey, [tf.Tensor, number]>> = {
    encW: [matMul(tf.transpose(x), gHE), c],
    encB: [tf.sum(gHE, 0), c],
    muW: [matMul(hET, gMu), c],
    muB: [tf.sum(gMu, 0), c],
    logVarW: [matMul(hET, gLogVar), c],
    logVarB: [tf.sum(gLogVar, 0), c],
    decW1: [gDecW1, c],
    decB1: [gDecB1, c],
    decW2: [gDecW2, c],
    decB2: [gDecB2, c],
  };
  if (oneHot && p.classMeans) grads.classMeans = [matMul(oneHot, kDiff, true, false), -c];
  if (oneHot && p.encLabelW) grads.encLabelW = [matMul(oneHot, gHE, true, false), c];
  if (oneHot && p.decLabelW) grads.decLabelW = [matMul(oneHot, gPreDT, true, true), c];

  // Readout: one reduction over the batch of [recon | sigma | (mu - mu_prior)^2 + sigma^2 - log sigma^2].
  const klRows = tf.sub(tf.add(tf.square(diff), sigma2), logVar);
  const sums = tf.sum(tf.concat([reconRows, sigma, klRows], 1), 0) as tf.Tensor1D;

  const ordered: tf.Tensor[] = [];
  const scales: number[] = [];
  for (const name of PARAM_ORDER) {
    if (!p[name]) continue;
    const g = grads[name];
    if (!g) throw new Error(`no gradient for ${name}`);
    ordered.push(g[0]);
    scales.push(g[1]);
  }
  return { grads: ordered, scales, sums, scale: { batch, latentDim, klWeight: loss.klWeight, pixelDivisor } };
}

export interface StepValues {
  loss: number;
  recon: number;
  kl: number;
  meanSigma: number;
  klPerDim: number[];
}

/** The per-digit numbers of losses.ts from the step's sums (KL per dim: 1/2 (sum/B - 1), the -1 of each term taken out here). */
export function readoutFromSums(sums: ArrayLike<number>, scale: ReadoutScale): StepValues {
  const { batch, latentDim, klWeight, pixelDivisor } = scale;
  const recon = (sums[0] ?? NaN) / (batch * pixelDivisor);
  let sigmaSum = 0;
  const klPerDim: number[] = [];
  for (let j = 0; j < latentDim; j++) {
    sigmaSum += sums[1 + j] ?? NaN;
    klPerDim.push(0.5 * ((sums[1 + latentDim + j] ?? NaN) / batch - 1));
  }
  const kl = klPerDim.reduce((a, b) => a + b, 0);
  return { loss: recon + klWeight * kl, recon, kl, meanSigma: sigmaSum / (batch * latentDim), klPerDim };
}
