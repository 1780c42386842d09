/**
 * A tiny seeded random source for the toy figures, so every figure and test is reproducible.
 * Plain math: no tfjs, no DOM.
 */

export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/**
 * mulberry32: a 32-bit PRNG with a full 2^32 period, good enough for figures and Monte Carlo
 * tests (not for cryptography). Returns numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeded uniform and normal draws. Normals use the Box-Muller transform:
 * with u1, u2 ~ U(0, 1), r = sqrt(-2 ln u1) and theta = 2 pi u2, both r cos(theta) and
 * r sin(theta) are independent N(0, 1); the second is kept for the next call.
 */
export function createRng(seed: number): Rng {
  const uniform = mulberry32(seed);
  let spare: number | null = null;
  return {
    uniform,
    normal() {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return z;
      }
      // 1 - u lies in (0, 1], so the log is finite.
      const u1 = 1 - uniform();
      const u2 = uniform();
      const r = Math.sqrt(-2 * Math.log(u1));
      const theta = 2 * Math.PI * u2;
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
  };
}

/** Sample mean. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0;
  return values.length > 0 ? sum / values.length : NaN;
}

/** Unbiased sample variance (divides by n - 1). */
export function variance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] ?? 0) - m;
    ss += d * d;
  }
  return ss / (n - 1);
}
