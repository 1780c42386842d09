import { describe, expect, it } from 'vitest';
import {
  drawEstimatesSeeded,
  objectiveIds,
  objectives,
  reparamSample,
  reparameterize,
  scoreSample,
  summarize,
} from '../../src/toy/gradientEstimators';

const settings = [
  { mu: 1, sigma: 1 },
  { mu: -0.7, sigma: 0.5 },
  { mu: 0.3, sigma: 1.8 },
];

describe('objectives', () => {
  it.each(objectiveIds)('%s: the closed-form gradient is the derivative of the closed-form mean', (id) => {
    const obj = objectives[id];
    const h = 1e-5;
    for (const { mu, sigma } of settings) {
      const fd = (obj.expectation(mu + h, sigma) - obj.expectation(mu - h, sigma)) / (2 * h);
      expect(obj.trueGradMu(mu, sigma)).toBeCloseTo(fd, 6);
      // and df really is f'
      const z = mu + 0.37;
      expect(obj.df(z)).toBeCloseTo((obj.f(z + h) - obj.f(z - h)) / (2 * h), 6);
    }
  });

  it.each(objectiveIds)('%s: the closed-form mean agrees with a Monte Carlo mean', (id) => {
    const obj = objectives[id];
    const { mu, sigma } = { mu: 0.8, sigma: 1.3 };
    // eps on a grid of standard-normal quantiles: a deterministic stand-in for Monte Carlo
    let sum = 0;
    const n = 100_000;
    const eps = Array.from({ length: n }, (_, i) => Math.SQRT2 * inverseErf((2 * (i + 0.5)) / n - 1));
    for (const e of eps) sum += obj.f(reparameterize(mu, sigma, e));
    expect(sum / n).toBeCloseTo(obj.expectation(mu, sigma), 2);
  });
});

describe('gradient estimators', () => {
  it('a single-sample estimate is what the formulas say', () => {
    const obj = objectives.square;
    // z = 1 + 0.5 * 2 = 2
    expect(reparameterize(1, 2, 0.5)).toBe(2);
    expect(reparamSample(obj, 1, 2, 0.5)).toBe(4); // f'(2) = 4
    expect(scoreSample(obj, 1, 2, 0.5)).toBe((4 * 1) / 4); // f(2) (2 - 1) / 2^2
  });

  it.each(objectiveIds)('%s: both estimators are unbiased (mean within 4 standard errors)', (id) => {
    const obj = objectives[id];
    for (const [i, { mu, sigma }] of settings.entries()) {
      const batch = drawEstimatesSeeded(obj, mu, sigma, 4, 20_000, 100 + i);
      const truth = obj.trueGradMu(mu, sigma);
      for (const estimates of [batch.reparam, batch.score]) {
        const s = summarize(estimates);
        expect(Math.abs(s.mean - truth)).toBeLessThan(4 * s.standardError + 1e-12);
      }
    }
  });

  it.each(['square', 'shiftedSquare'] as const)('%s: the score-function estimator has the larger variance', (id) => {
    const obj = objectives[id];
    for (const [i, { mu, sigma }] of settings.entries()) {
      const batch = drawEstimatesSeeded(obj, mu, sigma, 1, 20_000, 200 + i);
      expect(summarize(batch.score).variance).toBeGreaterThan(summarize(batch.reparam).variance);
    }
  });

  it('f = sin z: the score function loses for a narrow q but wins for a wide one', () => {
    // Not a law: with sigma large, f'(z) = cos z swings over whole periods while
    // f(z) eps / sigma is damped by 1 / sigma. The figure says so; this pins it down.
    const narrow = drawEstimatesSeeded(objectives.sine, 1, 0.5, 1, 20_000, 11);
    expect(summarize(narrow.score).variance).toBeGreaterThan(3 * summarize(narrow.reparam).variance);
    const wide = drawEstimatesSeeded(objectives.sine, 1, 2, 1, 20_000, 12);
    expect(summarize(wide.score).variance).toBeLessThan(summarize(wide.reparam).variance);
  });

  it('f = z^2: variances match their closed forms', () => {
    // reparameterized: Var[2z] / n = 4 sigma^2 / n.
    // score: E[(mu + sigma eps)^4 eps^2] / sigma^2 - (2 mu)^2
    //      = (mu^4 + 18 mu^2 sigma^2 + 15 sigma^4) / sigma^2 - 4 mu^2 (using E eps^2,4,6 = 1, 3, 15).
    const mu = 1;
    const sigma = 0.8;
    const n = 5;
    const batch = drawEstimatesSeeded(objectives.square, mu, sigma, n, 50_000, 9);
    const reparamVar = (4 * sigma ** 2) / n;
    const scoreVar = ((mu ** 4 + 18 * mu ** 2 * sigma ** 2 + 15 * sigma ** 4) / sigma ** 2 - 4 * mu ** 2) / n;
    expect(summarize(batch.reparam).variance / reparamVar).toBeCloseTo(1, 1);
    expect(summarize(batch.score).variance / scoreVar).toBeGreaterThan(0.85);
    expect(summarize(batch.score).variance / scoreVar).toBeLessThan(1.15);
  });

  it('more samples per estimate shrink the variance about 1/n', () => {
    const obj = objectives.sine;
    const one = summarize(drawEstimatesSeeded(obj, 0.5, 1, 1, 20_000, 3).reparam).variance;
    const sixteen = summarize(drawEstimatesSeeded(obj, 0.5, 1, 16, 20_000, 4).reparam).variance;
    expect(one / sixteen).toBeGreaterThan(13);
    expect(one / sixteen).toBeLessThan(19);
  });

  it('is reproducible from its seed', () => {
    const a = drawEstimatesSeeded(objectives.sine, 0, 1, 3, 10, 5);
    const b = drawEstimatesSeeded(objectives.sine, 0, 1, 3, 10, 5);
    expect(Array.from(a.score)).toEqual(Array.from(b.score));
  });
});

/** Inverse error function (Giles' single-precision approximation, ample for a quantile grid). */
function inverseErf(x: number): number {
  let w = -Math.log((1 - x) * (1 + x));
  let p: number;
  if (w < 5) {
    w -= 2.5;
    p = 2.81022636e-8;
    for (const c of [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]) p = c + p * w;
  } else {
    w = Math.sqrt(w) - 3;
    p = -0.000200214257;
    for (const c of [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]) p = c + p * w;
  }
  return p * x;
}
