import { gridIntegral, iwaeLogPx, type LatentModel } from './posterior';
import { PIXELS, type HeldOutLikelihood } from '../shared/types';

/** K >= 1,000 samples from q per digit, on the first 1,000 test digits (issue 11). */
export const IWAE_SAMPLES = 1000;
export const IWAE_DIGITS = 1000;
/**
 * The exact grid value costs ~10,000 decodes a digit (IWAE: 1,000), so it runs on the first
 * 100 digits, beside the IWAE estimate of the same 100 for a like-for-like comparison.
 */
export const GRID_DIGITS = 100;

/**
 * The held-out log-likelihood, -log p(x) in nats per digit: first the importance-weighted
 * estimate (reported through `onIwae` as soon as it is done), then, for a 2-D code, the grid.
 * images: count x 784 floats in [0, 1].
 */
export async function* heldOutLikelihood(
  model: LatentModel, images: Float32Array, labels: ArrayLike<number>,
  onIwae: (partial: HeldOutLikelihood) => void,
  onProgress: (digitsDone: number, of: number) => void = () => undefined,
  digits = IWAE_DIGITS, samples = IWAE_SAMPLES, gridDigits = GRID_DIGITS,
): AsyncGenerator<void, HeldOutLikelihood> {
  const t0 = performance.now();
  const n = Math.min(digits, images.length / PIXELS);
  const pixels = (i: number) => images.subarray(i * PIXELS, (i + 1) * PIXELS);
  const perDigit = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    perDigit[i] = yield* iwaeLogPx(model, pixels(i), labels[i] ?? 0, samples, 1_000_003 + i);
    if ((i + 1) % 50 === 0 && i + 1 < n) onProgress(i + 1, n);
  }
  const mean = (a: Float64Array, k: number) => a.subarray(0, k).reduce((s, v) => s + v, 0) / k;
  const result: HeldOutLikelihood = {
    step: model.step, iwaeNats: -mean(perDigit, n), samples, digits: n, grid: null, ms: performance.now() - t0,
  };
  onIwae(result);
  if (model.config.latentDim !== 2) return result;
  const g = Math.min(gridDigits, n);
  const gridLogPx = new Float64Array(g);
  for (let i = 0; i < g; i++) {
    const integral = yield* gridIntegral(model, pixels(i), model.config.conditional ? (labels[i] ?? 0) : null);
    gridLogPx[i] = integral.logPx;
  }
  return { ...result, grid: { nats: -mean(gridLogPx, g), iwaeNats: -mean(perDigit, g), digits: g } };
}
