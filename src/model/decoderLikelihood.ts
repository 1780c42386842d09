import * as tf from '@tensorflow/tfjs';
import { PIXELS, type DecoderWeights } from '../shared/types';

/**
 * log p(x|z) under the decoder's Bernoulli pixels for many codes z of one digit x: the one
 * hot loop of the posterior grid and of the held-out IWAE pass (a million codes). Same value as
 * -reconstructionLoss(decoderLogits(z), x, 'bce', 'sum'), computed with two exact rewrites
 * that cut its cost on wasm several-fold (bench/profile/iwae.profile.ts):
 *
 * 1. Hidden units that cannot matter are folded away. With a = [z, 1] W1' (W1' = W1 with the
 *    bias as a last row), the logits are sum_j relu(a_j) W2_j + b2. Over one chunk of codes a unit
 *    is either off for every code (relu = 0: it adds exactly nothing), on for every code
 *    (relu(a_j) = a_j, linear in [z, 1], so all such units together are the one
 *    (d+1) x 784 matrix W1'_on W2_on), or crosses zero inside the chunk (kept as it is). Codes
 *    from one digit's q sit in a small patch of the latent space, which few of the 512 units'
 *    hinges cross, so the big product's inner size drops from 512 to d + 1 + (the crossers).
 * 2. The per-pixel cross-entropy without exp and log per pixel (wasm runs those scalar, ~20 ns
 *    each; its sigmoid is XNNPACK's vector kernel):
 *      -BCE(l, x) = (x - 1/2) l - |l|/2 + log sigmoid(|l|),
 *    since softplus(l) = (l + |l|)/2 + log(1 + e^-|l|) and 1 + e^-|l| = 1 / sigmoid(|l|). The
 *    sum of log sigmoid(|l|) is taken as the log of products over groups of GROUP pixels: each
 *    factor is in [1/2, 1], so a group's product stays above 2^-GROUP, far from float32's
 *    underflow, and the float32 rounding of the product is ~GROUP ulps (~3e-6 relative, so
 *    ~5e-5 nats at most over a digit).
 * Codes are rows of z (count x d); the result is one log-likelihood per code, in nats.
 */
export const GROUP = 56;

export async function decoderLogLikelihood(
  w: DecoderWeights, pixels: Float32Array, label: number | null, z: Float32Array,
  /** Filled with the product's inner size (d + 1 + crossers, or the crossers alone), for the profile. */
  stats?: { width: number },
): Promise<Float32Array> {
  const d = w.latentDim;
  const hd = w.hiddenDim;
  const n = z.length / d;
  // W1' = [W1; b1 (+ the label's row of the standard CVAE's first layer)], and [z, 1].
  const w1b = new Float32Array((d + 1) * hd);
  w1b.set(w.w1.subarray(0, d * hd));
  const labelRow = w.labelW && label !== null ? label * hd : -1;
  for (let j = 0; j < hd; j++) w1b[d * hd + j] = w.b1[j]! + (labelRow >= 0 ? w.labelW![labelRow + j]! : 0);
  const z1 = new Float32Array(n * (d + 1));
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) z1[i * (d + 1) + k] = z[i * d + k]!;
    z1[i * (d + 1) + d] = 1;
  }
  const preT = tf.tidy(() => tf.matMul(tf.tensor2d(z1, [n, d + 1]), tf.tensor2d(w1b, [d + 1, hd])));
  let pre: Float32Array;
  try {
    pre = (await preT.data()) as Float32Array;
  } finally {
    preT.dispose();
  }
  // Each unit's range over the chunk, row by row (the rows are contiguous).
  const lo = new Float32Array(hd).fill(Infinity);
  const hi = new Float32Array(hd).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const row = i * hd;
    for (let j = 0; j < hd; j++) {
      const v = pre[row + j]!;
      if (v < lo[j]!) lo[j] = v;
      if (v > hi[j]!) hi[j] = v;
    }
  }
  const on: number[] = [];
  const crossing: number[] = [];
  for (let j = 0; j < hd; j++) {
    if (lo[j]! >= 0) on.push(j);
    else if (hi[j]! > 0) crossing.push(j);
  }
  // Inputs of the folded product: [z, 1] where units are always on, then the crossers' relu.
  const lead = on.length > 0 ? d + 1 : 0;
  const width = lead + crossing.length;
  if (stats) stats.width = width;
  const x = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    const row = i * width;
    if (lead) x.set(z1.subarray(i * (d + 1), (i + 1) * (d + 1)), row);
    for (let c = 0; c < crossing.length; c++) {
      const v = pre[i * hd + crossing[c]!]!;
      x[row + lead + c] = v > 0 ? v : 0;
    }
  }
  const rows = (idx: number[]) => {
    const out = new Float32Array(idx.length * PIXELS);
    idx.forEach((j, r) => out.set(w.w2.subarray(j * PIXELS, (j + 1) * PIXELS), r * PIXELS));
    return tf.tensor2d(out, [idx.length, PIXELS]);
  };
  const cols = (idx: number[]) => {
    const out = new Float32Array((d + 1) * idx.length);
    for (let r = 0; r <= d; r++) idx.forEach((j, c) => { out[r * idx.length + c] = w1b[r * hd + j]!; });
    return tf.tensor2d(out, [d + 1, idx.length]);
  };
  const outT = tf.tidy(() => {
    const parts: tf.Tensor2D[] = [];
    if (lead) parts.push(tf.matMul(cols(on), rows(on)));
    if (crossing.length) parts.push(rows(crossing));
    const b2 = tf.tensor1d(w.b2);
    const logits = width === 0
      ? tf.tile(tf.reshape(b2, [1, PIXELS]), [n, 1]) as tf.Tensor2D
      : tf.fused.matMul({ a: tf.tensor2d(x, [n, width]), b: parts.length === 1 ? parts[0]! : tf.concat(parts, 0), bias: b2 });
    const centred = tf.tensor2d(Float32Array.from(pixels, (v) => v - 0.5), [PIXELS, 1]);
    const linear = tf.reshape(tf.matMul(logits, centred), [n]);
    const abs = tf.abs(logits);
    const logSig = tf.sum(tf.log(tf.prod(tf.reshape(tf.sigmoid(abs), [n, PIXELS / GROUP, GROUP]), 2)), 1);
    return tf.add(tf.sub(linear, tf.mul(0.5, tf.sum(abs, 1))), logSig);
  });
  try {
    return (await outT.data()) as Float32Array;
  } finally {
    outT.dispose();
  }
}
