import { describe, expect, it } from 'vitest';
import {
  elboGap,
  klToPosterior,
  linearGaussianPosterior,
  logEvidence,
  logJoint,
  qLogDensity,
  type ToyDecoder,
} from '../../src/toy/elboGap';
import { createRng } from '../../src/math/random';

const curved: ToyDecoder = { a: 0.5, b: 1, noiseSd: 0.5 };
const linear: ToyDecoder = { a: 1.5, b: 0, noiseSd: 0.5 };

/** Importance-sampling estimate of log p(x) with proposal N(m, s^2): log mean of p(x, z) / r(z). */
function importanceLogEvidence(dec: ToyDecoder, x: number, m: number, s: number, n: number, seed: number): number {
  const rng = createRng(seed);
  const logW: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = m + s * rng.normal();
    logW.push(logJoint(dec, x, z) - qLogDensity({ mu: m, sigma: s }, z));
  }
  const top = logW.reduce((m, w) => Math.max(m, w), -Infinity);
  return top + Math.log(logW.reduce((acc, w) => acc + Math.exp(w - top), 0) / n);
}

describe('1-D ELBO gap toy', () => {
  it('log p(x) by quadrature matches an importance-sampling estimate', () => {
    for (const [dec, x] of [[curved, 1.2], [curved, -0.3], [linear, 2]] as const) {
      const quad = logEvidence(dec, x);
      // A broad proposal covering both posterior modes; 200k draws give ~1e-3 relative error.
      const is = importanceLogEvidence(dec, x, 0, 2, 200_000, 7);
      expect(Math.abs(quad - is)).toBeLessThan(0.01);
    }
  });

  it('linear-Gaussian: log p(x) equals the closed form log N(x; 0, a^2 + s^2)', () => {
    const x = 2;
    const v = linear.a ** 2 + linear.noiseSd ** 2;
    expect(logEvidence(linear, x)).toBeCloseTo(-0.5 * (x * x) / v - 0.5 * Math.log(2 * Math.PI * v), 8);
  });

  it('ELBO + KL(q || posterior) = log p(x), the KL integrated separately, and the gap is never negative', () => {
    for (const q of [{ mu: 0, sigma: 1 }, { mu: 1, sigma: 0.3 }, { mu: -1.1, sigma: 0.2 }, { mu: 2, sigma: 1.5 }]) {
      for (const x of [-0.5, 1.2, 3]) {
        const r = elboGap(curved, x, q);
        const kl = klToPosterior(curved, x, q);
        expect(r.elbo + kl).toBeCloseTo(r.logEvidence, 6);
        expect(r.gap).toBeGreaterThanOrEqual(0);
        expect(kl).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('the gap is zero exactly when q is the linear-Gaussian posterior, positive when q moves off it', () => {
    const x = 1.7;
    const post = linearGaussianPosterior(linear, x);
    expect(elboGap(linear, x, post).gap).toBeLessThan(1e-8);
    expect(elboGap(linear, x, { ...post, mu: post.mu + 0.2 }).gap).toBeGreaterThan(0.01);
    expect(elboGap(linear, x, { ...post, sigma: post.sigma * 1.5 }).gap).toBeGreaterThan(0.01);
  });

  it('a curved decoder leaves a gap no normal q can close', () => {
    const x = 1.5; // posterior peaks near z = +-1: two modes
    const logPx = logEvidence(curved, x);
    let best = Infinity;
    for (let mu = -2; mu <= 2; mu += 0.05) {
      for (let sigma = 0.05; sigma <= 1.5; sigma += 0.05) best = Math.min(best, elboGap(curved, x, { mu, sigma }, logPx).gap);
    }
    expect(best).toBeGreaterThan(0.3);
  });

  it('log p(x) does not depend on q; the ELBO does', () => {
    const a = elboGap(curved, 1, { mu: 0, sigma: 1 });
    const b = elboGap(curved, 1, { mu: 0.8, sigma: 0.3 });
    expect(a.logEvidence).toBe(b.logEvidence);
    expect(a.elbo).not.toBeCloseTo(b.elbo, 2);
  });
});
