// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { inverseNormalCdf } from '../../src/plots/normalQuantile';

describe('inverseNormalCdf', () => {
  // Reference quantiles of N(0,1) (scipy.stats.norm.ppf), covering the central and both tail branches.
  const known: Array<[number, number]> = [
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.025, -1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.05, -1.6448536269514729],
    [0.8413447460685429, 1],
    [0.01, -2.3263478740408408],
    [0.999, 3.090232306167813],
    [1e-6, -4.753424308822899],
  ];

  it.each(known)('Phi^-1(%f) = %f to 1e-6', (p, x) => {
    expect(Math.abs(inverseNormalCdf(p) - x)).toBeLessThan(1e-6);
  });

  it('is antisymmetric about 0.5 and increasing', () => {
    let previous = -Infinity;
    for (let p = 0.001; p < 1; p += 0.001) {
      const x = inverseNormalCdf(p);
      expect(x).toBeGreaterThan(previous);
      expect(Math.abs(x + inverseNormalCdf(1 - p))).toBeLessThan(1e-8);
      previous = x;
    }
  });

  it('handles the edges', () => {
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    expect(inverseNormalCdf(1.5)).toBeNaN();
    expect(inverseNormalCdf(NaN)).toBeNaN();
  });
});
