import { type DecoderWeights, type EncoderWeights, PIXELS } from '../shared/types';

/**
 * The decoder and encoder as plain loops over snapshot weights. A 2-512-784 decoder is
 * ~0.4 M multiply-adds, well under a millisecond in JS, and needs no GPU readback, so
 * sliders stay instant on the page while the worker trains.
 */
export function decodeCpu(w: DecoderWeights, z: ArrayLike<number>, out = new Float32Array(PIXELS), label?: number): Float32Array {
  const { latentDim: d, hiddenDim: h } = w;
  const hidden = new Float32Array(h);
  // The standard CVAE's one-hot label input: it adds one row of labelW to the first layer.
  const labelRow = w.labelW ? (label ?? 0) * h : -1;
  for (let j = 0; j < h; j++) {
    let s = (w.b1[j] ?? 0) + (labelRow >= 0 ? (w.labelW?.[labelRow + j] ?? 0) : 0);
    for (let i = 0; i < d; i++) s += (z[i] ?? 0) * (w.w1[i * h + j] ?? 0);
    hidden[j] = s > 0 ? s : 0;
  }
  const logits = out;
  logits.set(w.b2);
  for (let j = 0; j < h; j++) {
    const a = hidden[j] ?? 0;
    if (a === 0) continue; // relu zeros are common; skipping them halves the work
    const row = j * PIXELS;
    for (let p = 0; p < PIXELS; p++) logits[p] = (logits[p] ?? 0) + a * (w.w2[row + p] ?? 0);
  }
  for (let p = 0; p < PIXELS; p++) out[p] = 1 / (1 + Math.exp(-(logits[p] ?? 0)));
  return out;
}

/** Posterior parameters of one image (784 values in [0, 1]). */
export function encodeCpu(w: EncoderWeights, x: ArrayLike<number>, label?: number): { mu: Float32Array; logVar: Float32Array } {
  const { latentDim: d, hiddenDim: h } = w;
  const hidden = new Float32Array(h);
  hidden.set(w.b1);
  if (w.labelW) for (let j = 0; j < h; j++) hidden[j] = (hidden[j] ?? 0) + (w.labelW[(label ?? 0) * h + j] ?? 0);
  for (let p = 0; p < PIXELS; p++) {
    const v = x[p] ?? 0;
    if (v === 0) continue; // MNIST is mostly background
    const row = p * h;
    for (let j = 0; j < h; j++) hidden[j] = (hidden[j] ?? 0) + v * (w.w1[row + j] ?? 0);
  }
  for (let j = 0; j < h; j++) if ((hidden[j] ?? 0) < 0) hidden[j] = 0;
  const mu = new Float32Array(d);
  const logVar = new Float32Array(d);
  for (let k = 0; k < d; k++) {
    let m = w.bMu[k] ?? 0;
    let l = w.bLogVar[k] ?? 0;
    for (let j = 0; j < h; j++) {
      const a = hidden[j] ?? 0;
      m += a * (w.wMu[j * d + k] ?? 0);
      l += a * (w.wLogVar[j * d + k] ?? 0);
    }
    mu[k] = m;
    logVar[k] = l;
  }
  return { mu, logVar };
}
