/**
 * The "tempting shortcut" of the transform page, run for real: a tiny generator
 * g(z) = sigmoid(W2 relu(W1 z + b1) + b2) trained by squared error on pairs (Z, X) where
 * Z ~ N(0, I) is drawn independently of the real image X. Since Z says nothing about X, the
 * loss E||g(Z) - X||^2 is smallest when g(z) = E[X] for every z: the average digit.
 * Plain JS (no tfjs): it runs in its own small worker beside the VAE's. No DOM.
 */
import { createRng, type Rng } from '../math/random';

export const SMUDGE_LATENT = 2;
export const SMUDGE_HIDDEN = 32;
const PIXELS = 784;

export interface SmudgeGenerator {
  w1: Float32Array; // hidden x latent
  b1: Float32Array;
  w2: Float32Array; // pixels x hidden
  b2: Float32Array;
}

export function createSmudgeGenerator(seed: number): SmudgeGenerator {
  const rng = createRng(seed);
  const init = (n: number, scale: number) => Float32Array.from({ length: n }, () => scale * rng.normal());
  return {
    w1: init(SMUDGE_HIDDEN * SMUDGE_LATENT, 1 / Math.sqrt(SMUDGE_LATENT)),
    b1: new Float32Array(SMUDGE_HIDDEN),
    w2: init(PIXELS * SMUDGE_HIDDEN, 1 / Math.sqrt(SMUDGE_HIDDEN)),
    b2: new Float32Array(PIXELS),
  };
}

function hidden(g: SmudgeGenerator, z: ArrayLike<number>, out: Float32Array): Float32Array {
  for (let h = 0; h < SMUDGE_HIDDEN; h++) {
    let a = g.b1[h] ?? 0;
    for (let k = 0; k < SMUDGE_LATENT; k++) a += (g.w1[h * SMUDGE_LATENT + k] ?? 0) * (z[k] ?? 0);
    out[h] = a > 0 ? a : 0;
  }
  return out;
}

export function generate(g: SmudgeGenerator, z: ArrayLike<number>, out = new Float32Array(PIXELS)): Float32Array {
  const hid = hidden(g, z, new Float32Array(SMUDGE_HIDDEN));
  for (let p = 0; p < PIXELS; p++) {
    let a = g.b2[p] ?? 0;
    for (let h = 0; h < SMUDGE_HIDDEN; h++) a += (g.w2[p * SMUDGE_HIDDEN + h] ?? 0) * (hid[h] ?? 0);
    out[p] = 1 / (1 + Math.exp(-a));
  }
  return out;
}

/**
 * Trains on freshly drawn random pairs: each step takes `batch` images at random from `images`
 * (row-major, values in [0, 1]) and a fresh Z ~ N(0, I) for each, and takes one Adam step on
 * the mean squared error per image. Returns the batch's loss.
 */
export class SmudgeTrainer {
  readonly generator: SmudgeGenerator;
  private readonly rng: Rng;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;
  steps = 0;

  constructor(seed: number, private readonly learningRate = 0.01) {
    this.generator = createSmudgeGenerator(seed);
    this.rng = createRng(seed + 1);
    const params = this.params();
    this.m = params.map((p) => new Float32Array(p.length));
    this.v = params.map((p) => new Float32Array(p.length));
  }

  private params(): Float32Array[] {
    const g = this.generator;
    return [g.w1, g.b1, g.w2, g.b2];
  }

  step(images: Float32Array, count: number, batch: number): number {
    const g = this.generator;
    const grads = this.params().map((p) => new Float32Array(p.length));
    const [gw1, gb1, gw2, gb2] = grads as [Float32Array, Float32Array, Float32Array, Float32Array];
    const z = new Float64Array(SMUDGE_LATENT);
    const hid = new Float32Array(SMUDGE_HIDDEN);
    const out = new Float32Array(PIXELS);
    const dHid = new Float32Array(SMUDGE_HIDDEN);
    let loss = 0;
    for (let b = 0; b < batch; b++) {
      for (let k = 0; k < SMUDGE_LATENT; k++) z[k] = this.rng.normal();
      // Z is drawn on its own: the image is picked independently of it.
      const row = Math.floor(this.rng.uniform() * count) * PIXELS;
      hidden(g, z, hid);
      generate(g, z, out);
      dHid.fill(0);
      for (let p = 0; p < PIXELS; p++) {
        const y = out[p] ?? 0;
        const diff = y - (images[row + p] ?? 0);
        loss += diff * diff;
        // d(diff^2)/d logit = 2 diff y (1 - y)
        const dLogit = (2 * diff * y * (1 - y)) / batch;
        gb2[p] = (gb2[p] ?? 0) + dLogit;
        for (let h = 0; h < SMUDGE_HIDDEN; h++) {
          const i = p * SMUDGE_HIDDEN + h;
          gw2[i] = (gw2[i] ?? 0) + dLogit * (hid[h] ?? 0);
          dHid[h] = (dHid[h] ?? 0) + dLogit * (g.w2[i] ?? 0);
        }
      }
      for (let h = 0; h < SMUDGE_HIDDEN; h++) {
        if ((hid[h] ?? 0) <= 0) continue;
        gb1[h] = (gb1[h] ?? 0) + (dHid[h] ?? 0);
        for (let k = 0; k < SMUDGE_LATENT; k++) gw1[h * SMUDGE_LATENT + k] = (gw1[h * SMUDGE_LATENT + k] ?? 0) + (dHid[h] ?? 0) * (z[k] ?? 0);
      }
    }
    this.adam(grads);
    this.steps += 1;
    return loss / batch;
  }

  private adam(grads: Float32Array[]): void {
    const beta1 = 0.9;
    const beta2 = 0.999;
    this.t += 1;
    const c1 = 1 - beta1 ** this.t;
    const c2 = 1 - beta2 ** this.t;
    this.params().forEach((p, j) => {
      const g = grads[j] as Float32Array;
      const m = this.m[j] as Float32Array;
      const v = this.v[j] as Float32Array;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] ?? 0;
        m[i] = beta1 * (m[i] ?? 0) + (1 - beta1) * gi;
        v[i] = beta2 * (v[i] ?? 0) + (1 - beta2) * gi * gi;
        p[i] = (p[i] ?? 0) - (this.learningRate * ((m[i] ?? 0) / c1)) / (Math.sqrt((v[i] ?? 0) / c2) + 1e-8);
      }
    });
  }
}

/** Root-mean-square pixel difference between two images. */
export function rmsDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return Math.sqrt(s / a.length);
}

export function meanImage(images: Float32Array, count: number): Float32Array {
  const mean = new Float32Array(PIXELS);
  for (let i = 0; i < count; i++) for (let p = 0; p < PIXELS; p++) mean[p] = (mean[p] ?? 0) + (images[i * PIXELS + p] ?? 0) / count;
  return mean;
}
