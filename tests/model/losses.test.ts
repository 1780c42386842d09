import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { klPerDim, reconstructionLoss, vaeLoss } from '../../src/model/losses';
import { mulberry32 } from '../../src/math/random';

beforeAll(useWasmBackend);

function normal(rand: () => number): number {
  // Box-Muller, independent of tfjs's sampler so the check does not test tfjs against itself.
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function logNormalPdf(z: number, mean: number, variance: number): number {
  return -0.5 * (Math.log(2 * Math.PI * variance) + ((z - mean) ** 2) / variance);
}

describe('klPerDim', () => {
  it('is exactly zero at mu = 0, sigma = 1', async () => {
    const kl = klPerDim(tf.zeros([3, 4]) as tf.Tensor2D, tf.zeros([3, 4]) as tf.Tensor2D);
    expect(Array.from(await kl.data())).toEqual(new Array(12).fill(0));
    kl.dispose();
  });

  it('matches a Monte Carlo estimate E_q[log q(z) - log p(z)] from samples', async () => {
    const cases = [[0.5, Math.log(0.3)], [-1.7, Math.log(2.5)], [2, 0], [0, Math.log(0.05)]] as const;
    const rand = mulberry32(7);
    const n = 200_000;
    for (const [mu, logVar] of cases) {
      const variance = Math.exp(logVar);
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const z = mu + Math.sqrt(variance) * normal(rand);
        const d = logNormalPdf(z, mu, variance) - logNormalPdf(z, 0, 1);
        sum += d;
        sumSq += d * d;
      }
      const mc = sum / n;
      const stdErr = Math.sqrt((sumSq / n - mc * mc) / n);
      const t = klPerDim(tf.tensor2d([[mu]]), tf.tensor2d([[logVar]]));
      const closed = (await t.data())[0]!;
      t.dispose();
      expect(Math.abs(closed - mc)).toBeLessThan(4 * stdErr + 1e-6);
    }
  });

  it('measures distance to the class mean for the CVAE prior N(mu^Y, I)', async () => {
    const t = klPerDim(tf.tensor2d([[3]]), tf.tensor2d([[0]]), tf.tensor2d([[3]]));
    expect((await t.data())[0]).toBeCloseTo(0, 6);
    const u = klPerDim(tf.tensor2d([[1]]), tf.tensor2d([[0]]), tf.tensor2d([[3]]));
    expect((await u.data())[0]).toBeCloseTo(2, 6); // 1/2 (1-3)^2
    t.dispose();
    u.dispose();
  });
});

describe('reconstruction loss reductions', () => {
  // Two samples, four "pixels": small enough to do by hand.
  const x = [[0, 1, 0.5, 1], [1, 0, 0, 0.25]];
  const logits = [[0, 2, -1, 3], [-0.5, 1, 4, 0]];
  const bce = (l: number, t: number): number => {
    const p = 1 / (1 + Math.exp(-l));
    return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
  };

  it('Bernoulli cross-entropy sums over pixels per sample', async () => {
    const r = reconstructionLoss(tf.tensor2d(logits), tf.tensor2d(x), 'bce', 'sum');
    const got = Array.from(await r.data());
    const want = logits.map((row, i) => row.reduce((s, l, j) => s + bce(l, x[i]![j]!), 0));
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 5));
    r.dispose();
  });

  it("'mean' over pixels is the sum divided by the pixel count (the classic bug)", async () => {
    const s = reconstructionLoss(tf.tensor2d(logits), tf.tensor2d(x), 'mse', 'sum');
    const m = reconstructionLoss(tf.tensor2d(logits), tf.tensor2d(x), 'mse', 'mean');
    const [ss, ms] = [Array.from(await s.data()), Array.from(await m.data())];
    const sig = (l: number): number => 1 / (1 + Math.exp(-l));
    const want = logits.map((row, i) => row.reduce((acc, l, j) => acc + (sig(l) - x[i]![j]!) ** 2, 0));
    ss.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    ms.forEach((v, i) => expect(v).toBeCloseTo(want[i]! / 4, 5));
    s.dispose();
    m.dispose();
  });

  it('the total loss averages over the batch only, and weights KL by beta', async () => {
    const mu = [[1, 0], [0, -2]];
    const logVar = [[0, Math.log(0.5)], [0, 0]];
    const parts = vaeLoss(tf.tensor2d(logits), tf.tensor2d(x), tf.tensor2d(mu), tf.tensor2d(logVar), 3, 'bce', 'sum');
    const recon = logits.map((row, i) => row.reduce((s, l, j) => s + bce(l, x[i]![j]!), 0));
    const klOf = (m: number, lv: number): number => 0.5 * (m * m + Math.exp(lv) - lv - 1);
    const kls = mu.map((row, i) => row.reduce((s, m, j) => s + klOf(m, logVar[i]![j]!), 0));
    const reconMean = (recon[0]! + recon[1]!) / 2;
    const klMean = (kls[0]! + kls[1]!) / 2;
    expect((await parts.recon.data())[0]).toBeCloseTo(reconMean, 5);
    expect((await parts.kl.data())[0]).toBeCloseTo(klMean, 5);
    expect((await parts.loss.data())[0]).toBeCloseTo(reconMean + 3 * klMean, 4);
    const dims = Array.from(await parts.klDims.data());
    expect(dims[0]).toBeCloseTo((klOf(1, 0) + klOf(0, 0)) / 2, 5);
    expect(dims[1]).toBeCloseTo((klOf(0, Math.log(0.5)) + klOf(-2, 0)) / 2, 5);
    tf.dispose([parts.loss, parts.recon, parts.kl, parts.klDims]);
  });
});
