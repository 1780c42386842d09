import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { reparameterize } from '../../src/model/vae';

beforeAll(useWasmBackend);

describe('reparameterize', () => {
  it('gives samples with mean mu and variance exp(logVar)', async () => {
    const n = 100_000;
    const mu = tf.tensor2d([[1.5, -2]]).tile([n, 1]) as tf.Tensor2D;
    const logVar = tf.tensor2d([[Math.log(0.25), Math.log(4)]]).tile([n, 1]) as tf.Tensor2D;
    const z = reparameterize(mu, logVar);
    const data = await z.data();
    for (const [dim, wantMean, wantVar] of [[0, 1.5, 0.25], [1, -2, 4]] as const) {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const v = data[i * 2 + dim]!;
        s += v;
        s2 += v * v;
      }
      const mean = s / n;
      const variance = s2 / n - mean * mean;
      // Standard errors: sqrt(var/n) for the mean, var*sqrt(2/n) for the variance.
      expect(Math.abs(mean - wantMean)).toBeLessThan(5 * Math.sqrt(wantVar / n));
      expect(Math.abs(variance - wantVar)).toBeLessThan(5 * wantVar * Math.sqrt(2 / n));
    }
    tf.dispose([mu, logVar, z]);
  });

  it('passes gradients to mu and log sigma^2: dz/dmu = 1, dz/dlogVar = eps sigma / 2', async () => {
    const eps = tf.tensor2d([[0.7, -1.3]]);
    const mu = tf.tensor2d([[0.2, 0.4]]);
    const logVar = tf.tensor2d([[Math.log(0.5), Math.log(2)]]);
    const [gMu, gLogVar] = tf.grads((m: tf.Tensor, lv: tf.Tensor) =>
      tf.sum(reparameterize(m as tf.Tensor2D, lv as tf.Tensor2D, eps)))([mu, logVar]) as [tf.Tensor, tf.Tensor];
    expect(Array.from(await gMu.data())).toEqual([1, 1]);
    const g = Array.from(await gLogVar.data());
    expect(g[0]).toBeCloseTo(0.7 * Math.sqrt(0.5) / 2, 5);
    expect(g[1]).toBeCloseTo(-1.3 * Math.sqrt(2) / 2, 5);
    tf.dispose([eps, mu, logVar, gMu, gLogVar]);
  });
});
