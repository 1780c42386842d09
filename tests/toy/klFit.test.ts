import { describe, expect, it } from 'vitest';
import { klClosedForm, simpson } from '../../src/toy/klDivergence';
import {
  fit,
  fitStep,
  forwardKl,
  klWithGradient,
  reverseKl,
  targetDensity,
  targetLogDensity,
  targetMoments,
  targetScore,
  type GaussianParams,
  type KlDirection,
  type TwoModeTarget,
} from '../../src/toy/klFit';

const target = (separation: number, leftWeight: number, componentSd = 1): TwoModeTarget => ({
  separation,
  leftWeight,
  componentSd,
});

describe('two-mode target', () => {
  it('is a density whose moments match targetMoments', () => {
    for (const p of [target(4, 0.5), target(6, 0.3), target(1, 0.8, 0.7)]) {
      const mass = simpson((x) => targetDensity(p, x), -30, 30, 6000);
      const m1 = simpson((x) => x * targetDensity(p, x), -30, 30, 6000);
      const m2 = simpson((x) => x * x * targetDensity(p, x), -30, 30, 6000);
      const { mean, variance } = targetMoments(p);
      expect(mass).toBeCloseTo(1, 8);
      expect(m1).toBeCloseTo(mean, 8);
      expect(m2 - m1 * m1).toBeCloseTo(variance, 8);
    }
  });

  it('has a finite log density far in the tails and a score equal to d/dx log p', () => {
    const p = target(6, 0.3);
    expect(Number.isFinite(targetLogDensity(p, 200))).toBe(true);
    const h = 1e-5;
    for (const x of [-5, -3, 0, 0.4, 3, 8]) {
      const fd = (targetLogDensity(p, x + h) - targetLogDensity(p, x - h)) / (2 * h);
      expect(targetScore(p, x)).toBeCloseTo(fd, 5);
    }
  });
});

describe('KL values', () => {
  it('with one mode (separation 0) both directions equal the normal-normal closed form', () => {
    const p = target(0, 0.5, 1.3);
    const q: GaussianParams = { mu: 0.7, logSigma: Math.log(0.6) };
    const pDist = { kind: 'normal' as const, mean: 0, sd: 1.3 };
    const qDist = { kind: 'normal' as const, mean: 0.7, sd: 0.6 };
    expect(forwardKl(p, q).value).toBeCloseTo(klClosedForm(pDist, qDist), 6);
    expect(reverseKl(p, q).value).toBeCloseTo(klClosedForm(qDist, pDist), 6);
  });

  it('reverse KL of q sitting on one far-away mode is -log(that mode\'s weight)', () => {
    const p = target(30, 0.3);
    expect(reverseKl(p, { mu: 15, logSigma: 0 }).value).toBeCloseTo(-Math.log(0.7), 6);
    expect(reverseKl(p, { mu: -15, logSigma: 0 }).value).toBeCloseTo(-Math.log(0.3), 6);
  });

  const cases: Array<[KlDirection, TwoModeTarget, GaussianParams]> = [
    ['reverse', target(4, 0.5), { mu: 0.3, logSigma: 0.2 }],
    ['reverse', target(6, 0.3), { mu: -2, logSigma: -0.5 }],
    ['reverse', target(2, 0.7), { mu: 1.5, logSigma: 1.1 }],
    ['forward', target(4, 0.5), { mu: 0.3, logSigma: 0.2 }],
    ['forward', target(6, 0.3), { mu: -2, logSigma: -0.5 }],
    ['forward', target(2, 0.7), { mu: 1.5, logSigma: 1.1 }],
  ];

  it.each(cases)('%s KL: analytic gradient matches finite differences (%#)', (direction, p, q) => {
    const h = 1e-5;
    const value = (r: GaussianParams) => klWithGradient(direction, p, r).value;
    const g = klWithGradient(direction, p, q);
    const fdMu = (value({ ...q, mu: q.mu + h }) - value({ ...q, mu: q.mu - h })) / (2 * h);
    const fdLs = (value({ ...q, logSigma: q.logSigma + h }) - value({ ...q, logSigma: q.logSigma - h })) / (2 * h);
    expect(g.gradMu).toBeCloseTo(fdMu, 5);
    expect(g.gradLogSigma).toBeCloseTo(fdLs, 5);
    expect(g.value).toBeGreaterThan(0);
  });
});

describe('fitting q', () => {
  it.each([target(4, 0.5), target(6, 0.3), target(3, 0.8, 0.6)])(
    'forward KL converges to moment matching (%#)',
    (p) => {
      const q = fit('forward', p, { mu: 1, logSigma: Math.log(0.5) }, 500, 0.2);
      const { mean, variance } = targetMoments(p);
      expect(q.mu).toBeCloseTo(mean, 4);
      expect(Math.exp(2 * q.logSigma)).toBeCloseTo(variance, 4);
      // and it is a minimum: nudging q raises the forward KL
      const best = forwardKl(p, q).value;
      for (const d of [{ mu: 0.1, logSigma: 0 }, { mu: 0, logSigma: 0.1 }, { mu: -0.1, logSigma: -0.1 }]) {
        expect(forwardKl(p, { mu: q.mu + d.mu, logSigma: q.logSigma + d.logSigma }).value).toBeGreaterThan(best);
      }
    },
  );

  it('reverse KL with well-separated modes squeezes under the mode it starts nearer', () => {
    const p = target(8, 0.5);
    const right = fit('reverse', p, { mu: 0.5, logSigma: 0 }, 500, 0.2);
    const left = fit('reverse', p, { mu: -0.5, logSigma: 0 }, 500, 0.2);
    expect(right.mu).toBeCloseTo(4, 2);
    expect(left.mu).toBeCloseTo(-4, 2);
    expect(Math.exp(right.logSigma)).toBeCloseTo(1, 2);
    expect(Math.exp(left.logSigma)).toBeCloseTo(1, 2);
    // and its KL there is about -log(1/2): the other half of p's mass is simply ignored
    expect(reverseKl(p, right).value).toBeCloseTo(Math.LN2, 3);
  });

  it('reverse KL with close modes prefers one broad q; at middling separation that is a local minimum', () => {
    // modes 3 apart: the mixture is nearly one bump, and reverse KL's best q covers it
    const close = fit('reverse', target(3, 0.5), { mu: 1, logSigma: 0 }, 1500, 0.1);
    expect(close.mu).toBeCloseTo(0, 3);
    expect(Math.exp(close.logSigma)).toBeGreaterThan(1.5);
    // modes 6 apart: from the valley with a wide start it settles broad, from nearer a mode it
    // finds the mode, and the mode is the better (lower-KL) minimum
    const p = target(6, 0.5);
    const broad = fit('reverse', p, { mu: 0.5, logSigma: 0 }, 1500, 0.1);
    const mode = fit('reverse', p, { mu: 1, logSigma: 0 }, 1500, 0.1);
    expect(broad.mu).toBeCloseTo(0, 3);
    expect(mode.mu).toBeCloseTo(3, 1);
    expect(reverseKl(p, mode).value).toBeLessThan(reverseKl(p, broad).value);
    // the broad point is a real minimum along mu, not a saddle the optimizer happened to stop on
    const at = reverseKl(p, broad).value;
    expect(reverseKl(p, { ...broad, mu: broad.mu + 0.2 }).value).toBeGreaterThan(at);
    expect(reverseKl(p, { ...broad, mu: broad.mu - 0.2 }).value).toBeGreaterThan(at);
  });

  it('forward spans both modes while reverse does not', () => {
    const p = target(8, 0.5);
    const forward = fit('forward', p, { mu: 0.5, logSigma: 0 }, 500, 0.2);
    const reverse = fit('reverse', p, { mu: 0.5, logSigma: 0 }, 500, 0.2);
    expect(Math.exp(forward.logSigma)).toBeGreaterThan(4); // sqrt(1 + 16) ~ 4.12
    expect(Math.abs(forward.mu)).toBeLessThan(1e-3);
    expect(Math.exp(reverse.logSigma)).toBeLessThan(1.1);
  });

  it('fitStep lowers the KL and reports its step size; clipping bounds a wild start', () => {
    const p = target(4, 0.5);
    const q = { mu: 2, logSigma: -1 };
    for (const direction of ['reverse', 'forward'] as const) {
      const step = fitStep(direction, p, q, 0.1);
      expect(klWithGradient(direction, p, step.params).value).toBeLessThan(klWithGradient(direction, p, q).value);
      expect(step.stepSize).toBeGreaterThan(0);
      expect(step.stepSize).toBeLessThanOrEqual(0.5);
    }
    const wild = fitStep('forward', target(10, 0.5), { mu: 0, logSigma: -3 }, 1);
    expect(wild.stepSize).toBe(0.5);
  });
});
