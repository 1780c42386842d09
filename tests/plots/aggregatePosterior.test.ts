import { describe, expect, it } from 'vitest';
import type { TestCodes } from '../../src/shared/types';
import { aggregateDensityAt, aggregateDensityGrid, priorDensityAtRadius } from '../../src/plots/aggregatePosterior';
import { createRng } from '../../src/math/random';

function codesFrom(seed: number, count: number, latentDim: number, spread: number): TestCodes {
  const rng = createRng(seed);
  const mu = new Float32Array(count * latentDim).map(() => spread * rng.normal());
  const logVar = new Float32Array(count * latentDim).map(() => -1.5 + 0.5 * rng.normal());
  return { count, latentDim, mu, logVar };
}

describe('aggregate posterior on a grid', () => {
  it('integrates to ~1 over a window that holds the codes', () => {
    const codes = codesFrom(1, 1000, 2, 1);
    const grid = aggregateDensityGrid(codes, 0, 1, [-7, 7], 64);
    const mass = grid.values.reduce((a, v) => a + v, 0) * grid.cellWidth ** 2;
    expect(mass).toBeGreaterThan(0.98);
    expect(mass).toBeLessThan(1.02);
  });

  it('matches a direct sum over components at grid points, in the dims shown', () => {
    const codes = codesFrom(2, 300, 4, 1.2);
    const grid = aggregateDensityGrid(codes, 3, 1, [-4, 4], 40);
    for (const [i, j] of [[0, 0], [20, 20], [7, 31], [39, 12]] as const) {
      const direct = aggregateDensityAt(codes, 3, 1, grid.centre(i), grid.centre(j));
      // the grid drops each component beyond 5 sigma (< 4e-6 of its peak)
      expect(Math.abs((grid.values[i + j * grid.size] ?? 0) - direct)).toBeLessThan(1e-4 * direct + 1e-9);
    }
  });

  it('is N(0, I) when every posterior is N(0, I): the prior-level contour sits at radius 1', () => {
    const codes: TestCodes = { count: 5, latentDim: 2, mu: new Float32Array(10), logVar: new Float32Array(10) };
    expect(aggregateDensityAt(codes, 0, 1, 1, 0)).toBeCloseTo(priorDensityAtRadius(1), 12);
    expect(aggregateDensityAt(codes, 0, 1, 0, -2)).toBeCloseTo(priorDensityAtRadius(2), 12);
  });

  it('changes when the codes change', () => {
    const a = aggregateDensityGrid(codesFrom(3, 200, 2, 1), 0, 1, [-4, 4], 32);
    const b = aggregateDensityGrid(codesFrom(4, 200, 2, 1), 0, 1, [-4, 4], 32);
    let diff = 0;
    for (let k = 0; k < a.values.length; k++) diff = Math.max(diff, Math.abs((a.values[k] ?? 0) - (b.values[k] ?? 0)));
    expect(diff).toBeGreaterThan(1e-3);
  });
});
