import { describe, expect, it } from 'vitest';
import {
  assemblePoints, COARSE_SIDE, fitBestGaussian, gaussHermite, gridKl, gridLogPx, gridWindow, latticeCentres, logNormal2,
  logSumExp, planRefinement, type Gaussian2,
} from '../../src/model/posteriorGrid';

/** A made-up "log-joint": c + log N(z; m, S), so log p(x) = c and p(z|x) = N(m, S) exactly. */
function gaussianJoint(c: number, post: Gaussian2) {
  return (z: Float32Array) => Float64Array.from({ length: z.length / 2 }, (_, i) => c + logNormal2(post, z[2 * i]!, z[2 * i + 1]!));
}

function quadrature(logJointOf: (z: Float32Array) => Float64Array, q: Gaussian2) {
  const { lo, hi } = gridWindow(q, [0, 0]);
  const coarse = latticeCentres(lo, hi, COARSE_SIDE);
  const coarseLj = logJointOf(coarse.z);
  const plan = planRefinement(coarseLj, lo, coarse.h, COARSE_SIDE, q);
  return { plan, points: assemblePoints(coarse.z, coarseLj, coarse.h, plan, logJointOf(plan.z)) };
}

describe('posterior grid math', () => {
  it('logSumExp is stable far from 0', () => {
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.log(2), 10);
    expect(logSumExp([800, 800, 800])).toBeCloseTo(800 + Math.log(3), 10);
    expect(logSumExp([])).toBe(-Infinity);
  });

  it('Gauss-Hermite integrates N(0,1) moments exactly', () => {
    const { nodes, weights } = gaussHermite(24);
    const moment = (k: number) => nodes.reduce((s, x, i) => s + weights[i]! * x ** k, 0);
    expect(moment(0)).toBeCloseTo(1, 10);
    expect(moment(2)).toBeCloseTo(1, 9);
    expect(moment(4)).toBeCloseTo(3, 8);
    expect(moment(6)).toBeCloseTo(15, 6);
  });

  it('the grid recovers log p(x) and KL for a known Gaussian posterior, narrow and off-centre', () => {
    const post: Gaussian2 = { mu: [1.3, -2.1], logVar: [Math.log(0.03 ** 2), Math.log(0.08 ** 2)] };
    const q: Gaussian2 = { mu: [1.32, -2.0], logVar: [Math.log(0.05 ** 2), Math.log(0.05 ** 2)] };
    const { plan, points } = quadrature(gaussianJoint(-123.4, post), q);
    expect(plan.split).toBeGreaterThan(1);
    expect(gridLogPx(points)).toBeCloseTo(-123.4, 4);
    // KL between diagonal Gaussians in closed form.
    let kl = 0;
    for (let d = 0; d < 2; d++) {
      const vq = Math.exp(q.logVar[d]!);
      const vp = Math.exp(post.logVar[d]!);
      kl += 0.5 * (Math.log(vp / vq) + (vq + (q.mu[d]! - post.mu[d]!) ** 2) / vp - 1);
    }
    expect(gridKl(points, q, -123.4)).toBeCloseTo(kl, 3);
  });

  it('a posterior lobe far from q is still in the window (the prior bulk is always covered)', () => {
    const q: Gaussian2 = { mu: [-3, 0], logVar: [Math.log(0.01), Math.log(0.01)] };
    const lobe: Gaussian2 = { mu: [3.5, 3.5], logVar: [Math.log(0.04), Math.log(0.04)] };
    const w = gridWindow(q, [0, 0]);
    expect(w.lo[0]).toBeLessThanOrEqual(-5);
    expect(w.hi[1]).toBeGreaterThanOrEqual(5);
    const { points } = quadrature(gaussianJoint(-50, lobe), q);
    expect(gridLogPx(points)).toBeCloseTo(-50, 3);
  });

  it('the best-Gaussian fit finds an exactly Gaussian posterior from a poor start', () => {
    const post: Gaussian2 = { mu: [0.4, 0.7], logVar: [Math.log(0.2 ** 2), Math.log(0.1 ** 2)] };
    const start: Gaussian2 = { mu: [0.2, 0.9], logVar: [Math.log(0.1 ** 2), Math.log(0.3 ** 2)] };
    const { points } = quadrature(gaussianJoint(-80, post), start);
    const fit = fitBestGaussian(points, start);
    expect(fit.elbo).toBeCloseTo(-80, 2);
    expect(fit.q.mu[0]).toBeCloseTo(0.4, 2);
    expect(fit.q.mu[1]).toBeCloseTo(0.7, 2);
    expect(Math.exp(0.5 * fit.q.logVar[0])).toBeCloseTo(0.2, 2);
    expect(Math.exp(0.5 * fit.q.logVar[1])).toBeCloseTo(0.1, 2);
  });
});
