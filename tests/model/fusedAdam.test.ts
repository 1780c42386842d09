import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Adam } from '../../src/model/adam';
import { fusedAdamAvailable } from '../../src/model/fusedAdam';
import { VaeTrainer } from '../../src/model/trainer';
import type { CvaeKind, ModelConfig, TrainSettings } from '../../src/shared/types';

/** Plain float64 Adam, sharing nothing with the code under test. */
function adamReference(p: Float64Array, grads: Float64Array[], lr: number, b1 = 0.9, b2 = 0.999, eps = 1e-7): Float64Array {
  const m = new Float64Array(p.length);
  const v = new Float64Array(p.length);
  const out = Float64Array.from(p);
  grads.forEach((g, step) => {
    const t = step + 1;
    for (let j = 0; j < p.length; j++) {
      m[j] = b1 * m[j]! + (1 - b1) * g[j]!;
      v[j] = b2 * v[j]! + (1 - b2) * g[j]! * g[j]!;
      // The bias correction folded into the step size, epsilon on the uncorrected sqrt(v) (Keras's form).
      const lrT = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      out[j] = out[j]! - (lrT * m[j]!) / (Math.sqrt(v[j]!) + eps);
    }
  });
  return out;
}

describe.each(['wasm', 'cpu'])('Adam on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
    if (tf.getBackend() !== backend) throw new Error(`expected the ${backend} backend`);
  });

  it('the fused kernel is registered here, and its update equals the op-by-op update and a float64 Adam', async () => {
    expect(fusedAdamAvailable()).toBe(true);
    const shapes: number[][] = [[7, 5], [5], [3, 11]];
    const init = shapes.map((s, i) => tf.randomNormal(s, 0, 1, 'float32', 10 + i));
    const fusedVars = init.map((t) => tf.variable(t.clone()));
    const opVars = init.map((t) => tf.variable(t.clone()));
    const fused = new Adam(fusedVars, 0.01);
    const ops = new Adam(opVars, 0.01);
    ops.useFusedKernel = false;
    const scales = [0.5, -2, 1e-3];
    const used: Float64Array[][] = shapes.map(() => []);
    for (let step = 0; step < 6; step++) {
      const grads = shapes.map((s, i) => tf.randomNormal(s, 0, 1, 'float32', 100 * step + i));
      for (let i = 0; i < grads.length; i++) used[i]!.push(Float64Array.from(await grads[i]!.data(), (g) => g * scales[i]!));
      const before = tf.memory().numTensors;
      fused.apply(grads, scales);
      ops.apply(grads, scales);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose(grads);
    }
    expect(fused.momentSteps).toBe(6);
    for (let i = 0; i < shapes.length; i++) {
      const a = await fusedVars[i]!.data();
      const b = await opVars[i]!.data();
      const want = adamReference(Float64Array.from(await init[i]!.data()), used[i]!, 0.01);
      for (let j = 0; j < a.length; j++) {
        expect(Math.abs(a[j]! - b[j]!)).toBeLessThan(1e-6);
        expect(Math.abs(a[j]! - want[j]!)).toBeLessThan(1e-5);
      }
      const [mf, mo] = [await fused.m[i]!.data(), await ops.m[i]!.data()];
      const [vf, vo] = [await fused.v[i]!.data(), await ops.v[i]!.data()];
      for (let j = 0; j < mf.length; j++) {
        expect(Math.abs(mf[j]! - mo[j]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(mo[j]!)));
        expect(Math.abs(vf[j]! - vo[j]!)).toBeLessThanOrEqual(1e-6 * Math.max(1e-6, Math.abs(vo[j]!)));
      }
    }
    fused.dispose();
    ops.dispose();
    tf.dispose([...init, ...fusedVars, ...opVars]);
  });

  it.each([null, 'essay', 'standard'] as const)('training steps add no tensors (kind %s)', async (kind: CvaeKind | null) => {
    const config: ModelConfig = {
      latentDim: 2, hiddenDim: 16, conditional: kind !== null, ...(kind ? { kind } : {}), seed: 2,
    };
    const settings: TrainSettings = { learningRate: 1e-3, batchSize: 8, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'binarized' };
    const trainer = new VaeTrainer(config, settings);
    const x = tf.randomUniform([8, 784]) as tf.Tensor2D;
    const y = kind ? tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32') : null;
    trainer.trainStep(x, y, settings).dispose();
    const base = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      const r = trainer.trainStep(x, y, settings);
      const values = await VaeTrainer.read(r);
      expect(Number.isFinite(values.loss)).toBe(true);
      r.dispose();
      expect(tf.memory().numTensors).toBe(base);
    }
    trainer.dispose();
    tf.dispose([x, ...(y ? [y] : [])]);
  });
});
