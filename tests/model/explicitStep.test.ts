import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { explicitStep, type ReadoutScale, readoutFromSums } from '../../src/model/explicitStep';
import { vaeLoss } from '../../src/model/losses';
import { createParams, decodeLogits, disposeParams, encode, paramList, priorMeans, reparameterize, type VaeParams } from '../../src/model/vae';
import type { CvaeKind, ModelConfig, ReconLoss, ReconReduction } from '../../src/shared/types';

const B = 16;
const H = 24;
const Z = 3;

/**
 * Bound on the relative error per backend. On the CPU backend both sides are plain float32 loops
 * and agree to ~1e-5. On wasm, XNNPACK sums the products in its own blocked order, and tfjs's own
 * autodiff gradient there differs from the same gradient on the CPU backend by up to ~4e-5
 * (measured); the check on wasm is of the wasm-specific kernels (fused bias, one-hot, relu masks),
 * whose mistakes are of order 1, so it gets 1e-3.
 */
const BOUND: Record<string, number> = { cpu: 1e-4, wasm: 1e-3 };

/**
 * Relative error of a float32 gradient against tfjs's autodiff, entry by entry, with a floor of
 * 1% of the tensor's largest entry in the denominator. Why the floor: each weight-gradient entry
 * is a float32 sum of batch x fan-in products, so both computations carry an absolute rounding
 * error of order 1e-7 x (sum of the terms' sizes); an entry whose terms nearly cancel (or a relu
 * unit that is off for most digits) is tiny next to that error, and a pure ratio would measure the
 * rounding, not the derivation. A wrong term in the derivation (a missing 1/2, a sign, the prior)
 * moves entries by a sizeable fraction of the tensor's scale, far above 1e-4 of it.
 */
async function relError(got: tf.Tensor, want: tf.Tensor): Promise<number> {
  const a = await got.data();
  const b = await want.data();
  let scale = 0;
  for (const v of b) scale = Math.max(scale, Math.abs(v));
  const floor = 1e-2 * scale;
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), floor, 1e-30));
  return worst;
}

interface Case { kind: CvaeKind | null; reconLoss: ReconLoss; reconReduction: ReconReduction; klWeight: number; binary: boolean }

const cases: Case[] = [];
for (const kind of [null, 'essay', 'standard'] as const) {
  for (const reconLoss of ['bce', 'mse'] as const) {
    for (const reconReduction of ['sum', 'mean'] as const) {
      for (const klWeight of [0, 1, 3.7]) cases.push({ kind, reconLoss, reconReduction, klWeight, binary: klWeight === 1 });
    }
  }
}

/** Random weights with nonzero biases, so relu masks and priors are not trivially all-on or zero. */
function randomParams(kind: CvaeKind | null, seed: number): VaeParams {
  const config: ModelConfig = {
    latentDim: Z, hiddenDim: H, conditional: kind !== null, ...(kind ? { kind } : {}), seed,
  };
  const params = createParams(config);
  let s = seed * 100;
  for (const v of paramList(params)) {
    if (v.shape.length === 1) tf.tidy(() => v.assign(tf.randomNormal(v.shape, 0, 0.3, 'float32', s++)));
  }
  // Larger decoder output weights give logits of a few units, where sigmoid's tails matter.
  tf.tidy(() => params.decW2.assign(tf.mul(params.decW2, 3)));
  return params;
}

describe.each(['cpu', 'wasm'])('hand-derived training step on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
    if (tf.getBackend() !== backend) throw new Error(`expected the ${backend} backend`);
  });

  it.each(cases)('gradients match tf.grads of losses.ts: %o', async (c) => {
    const params = randomParams(c.kind, 7 + cases.indexOf(c));
    const seed = 11 + cases.indexOf(c);
    const grey = tf.randomUniform([B, 784], 0, 1, 'float32', seed) as tf.Tensor2D;
    const x = c.binary ? tf.tidy(() => tf.cast(tf.greater(grey, 0.6), 'float32') as tf.Tensor2D) : grey;
    const labels = c.kind ? tf.tensor1d(Array.from({ length: B }, (_, i) => (i * 7 + seed) % 10), 'int32') : null;
    const eps = tf.randomNormal([B, Z], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
    const vars = paramList(params);

    const ref = tf.variableGrads(() => {
      const { mu, logVar } = encode(params, x, labels);
      const logits = decodeLogits(params, reparameterize(mu, logVar, eps), labels);
      const prior = params.classMeans ? priorMeans(params, labels, B, Z) : undefined;
      return vaeLoss(logits, x, mu, logVar, c.klWeight, c.reconLoss, c.reconReduction, prior).loss;
    }, vars);
    const refParts = tf.tidy(() => {
      const { mu, logVar } = encode(params, x, labels);
      const logits = decodeLogits(params, reparameterize(mu, logVar, eps), labels);
      const prior = params.classMeans ? priorMeans(params, labels, B, Z) : undefined;
      const parts = vaeLoss(logits, x, mu, logVar, c.klWeight, c.reconLoss, c.reconReduction, prior);
      return tf.concat([tf.stack([parts.loss, parts.recon, parts.kl, tf.mean(tf.exp(tf.mul(logVar, 0.5)))]), parts.klDims]);
    });

    const before = tf.memory().numTensors;
    let scale: ReadoutScale | null = null;
    const step = tf.tidy(() => {
      const s = explicitStep(params, x, labels, eps, c);
      scale = s.scale;
      return { grads: s.grads.map((g, i) => tf.mul(g, s.scales[i]!)), sums: s.sums };
    });
    expect(step.grads.length).toBe(vars.length);
    for (let i = 0; i < vars.length; i++) {
      const want = ref.grads[vars[i]!.name]!;
      expect(step.grads[i]!.shape, vars[i]!.name).toEqual(want.shape);
      const err = await relError(step.grads[i]!, want);
      if (process.env.DBG) process.stderr.write(`ERR ${backend} ${JSON.stringify(c)} ${vars[i]!.name.replace(/^vae_(.*)_[0-9]+$/, "$1")} ${err.toExponential(2)}\n`); else expect(err, `${vars[i]!.name}`).toBeLessThan(BOUND[backend]!);
    }

    // The readout's numbers are losses.ts's numbers.
    const got = readoutFromSums(await step.sums.data(), scale!);
    const want = Array.from(await refParts.data());
    const close = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
    close(got.loss, want[0]!);
    close(got.recon, want[1]!);
    close(got.kl, want[2]!);
    close(got.meanSigma, want[3]!);
    got.klPerDim.forEach((v, j) => close(v, want[4 + j]!));

    tf.dispose([...step.grads, step.sums]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([ref.value, ...Object.values(ref.grads), refParts, grey, x, eps, ...(labels ? [labels] : [])]);
    disposeParams(params);
  });

  it('a wrong derivation fails the check (the KL gradient without its 1/2 on log sigma^2)', async () => {
    const params = randomParams(null, 3);
    const x = tf.randomUniform([B, 784], 0, 1, 'float32', 4) as tf.Tensor2D;
    const eps = tf.randomNormal([B, Z], 0, 1, 'float32', 5) as tf.Tensor2D;
    const ref = tf.variableGrads(() => {
      const { mu, logVar } = encode(params, x);
      return vaeLoss(decodeLogits(params, reparameterize(mu, logVar, eps)), x, mu, logVar, 1, 'bce', 'sum').loss;
    }, paramList(params));
    const s = explicitStep(params, x, null, eps, { reconLoss: 'bce', reconReduction: 'sum', klWeight: 1 });
    // Doubling the log-variance head's gradient is what dropping the 1/2 of d sigma / d log sigma^2 does.
    const wrong = tf.mul(s.grads[4]!, 2 * s.scales[4]!);
    expect(await relError(wrong, ref.grads[params.logVarW.name]!)).toBeGreaterThan(0.1);
    tf.dispose([wrong, ...s.grads, s.sums, ref.value, ...Object.values(ref.grads), x, eps]);
    disposeParams(params);
  });
});
