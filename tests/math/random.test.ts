import { describe, expect, it } from 'vitest';
import { createRng, mean, mulberry32, variance } from '../../src/math/random';

describe('seeded random source', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const seqA = Array.from({ length: 5 }, () => a.normal());
    const seqB = Array.from({ length: 5 }, () => b.normal());
    const seqC = Array.from({ length: 5 }, () => c.normal());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('gives uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const u = mulberry32(123);
    const xs = Float64Array.from({ length: 100_000 }, () => u());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
    expect(variance(xs)).toBeCloseTo(1 / 12, 3);
  });

  it('gives standard normals: mean 0, variance 1, P(|z| < 1) ~ 0.683', () => {
    const rng = createRng(42);
    const n = 200_000;
    const zs = Float64Array.from({ length: n }, () => rng.normal());
    expect(Math.abs(mean(zs))).toBeLessThan(4 / Math.sqrt(n));
    expect(variance(zs)).toBeGreaterThan(0.99);
    expect(variance(zs)).toBeLessThan(1.01);
    const inside = zs.filter((z) => Math.abs(z) < 1).length / n;
    expect(inside).toBeCloseTo(0.6827, 2);
  });

  it('computes the unbiased sample variance', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 12);
    expect(variance([1])).toBeNaN();
  });
});
