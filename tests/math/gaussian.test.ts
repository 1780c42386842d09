import { describe, expect, it } from 'vitest';
import { inverseNormalCdf, normalDensity, normalLogDensity } from '../../src/math/gaussian';

/** Composite Simpson's rule on [a, b] with n (even) intervals. */
function integrate(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

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

describe('normalDensity', () => {
  it.each([[0, 1], [2.5, 0.3], [-4, 7]])('N(%f, %f^2) has mass 1, mean mu and variance sd^2 by quadrature', (mu, sd) => {
    const f = (x: number) => normalDensity(x, mu, sd);
    const [a, b] = [mu - 12 * sd, mu + 12 * sd];
    expect(integrate(f, a, b)).toBeCloseTo(1, 10);
    expect(integrate((x) => x * f(x), a, b)).toBeCloseTo(mu, 9);
    expect(integrate((x) => (x - mu) ** 2 * f(x), a, b)).toBeCloseTo(sd * sd, 8);
  });

  it('integrates to the quantile: the mass left of Phi^-1(p) is p', () => {
    // Two independent pieces of code must agree: a rational quantile and a quadrature of the density.
    for (const p of [0.001, 0.05, 0.3, 0.5, 0.84, 0.99]) {
      expect(integrate(normalDensity, -12, inverseNormalCdf(p), 20000)).toBeCloseTo(p, 8);
    }
  });

  it('matches table values, and its log stays finite where the density underflows', () => {
    // phi(0) = 1/sqrt(2 pi) and phi(1), phi(2) from a printed table (Abramowitz & Stegun 26.1).
    expect(normalDensity(0)).toBeCloseTo(0.3989422804, 10);
    expect(normalDensity(1)).toBeCloseTo(0.2419707245, 10);
    expect(normalDensity(-2)).toBeCloseTo(0.0539909665, 10);
    expect(normalDensity(50)).toBe(0);
    expect(normalLogDensity(50)).toBeCloseTo(-1250 - 0.9189385332, 8);
  });
});
