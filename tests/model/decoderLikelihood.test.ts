import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { loadMnistFromPackage } from '../helpers/mnistNode';
import { toFloats } from '../../src/data/batcher';
import { decoderLogLikelihood } from '../../src/model/decoderLikelihood';
import { decodeModelFile } from '../../src/model/modelFile';
import { encodeCpu } from '../../src/model/cpuNet';
import { createRng } from '../../src/math/random';
import { VaeTrainer } from '../../src/model/trainer';
import { PIXELS, type DecoderWeights, type EncoderWeights } from '../../src/shared/types';

beforeAll(useWasmBackend);

/** The reference: the decoder as written (all 512 units), Bernoulli log-likelihood, float64 loops. */
function reference(w: DecoderWeights, x: Float32Array, label: number | null, z: Float32Array): Float64Array {
  const d = w.latentDim;
  const hd = w.hiddenDim;
  const n = z.length / d;
  const out = new Float64Array(n);
  const h = new Float64Array(hd);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < hd; j++) {
      let s = w.b1[j]! + (w.labelW && label !== null ? w.labelW[label * hd + j]! : 0);
      for (let k = 0; k < d; k++) s += z[i * d + k]! * w.w1[k * hd + j]!;
      h[j] = Math.max(0, s);
    }
    let ll = 0;
    for (let p = 0; p < PIXELS; p++) {
      let l = w.b2[p]!;
      for (let j = 0; j < hd; j++) l += h[j]! * w.w2[j * PIXELS + p]!;
      // log p(x_p | l) = x log sigmoid(l) + (1 - x) log sigmoid(-l)
      const logSig = (v: number) => -(Math.max(-v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
      ll += x[p]! * logSig(l) + (1 - x[p]!) * logSig(-l);
    }
    out[i] = ll;
  }
  return out;
}

async function shipped(file: string): Promise<{ dec: DecoderWeights; enc: EncoderWeights }> {
  const saved = decodeModelFile(new Uint8Array(readFileSync(resolve(__dirname, '../../public/pretrained', file))));
  const trainer = new VaeTrainer(saved.config, saved.settings);
  trainer.importState({ params: saved.params, step: saved.step });
  const r = { dec: await trainer.decoderWeights(), enc: await trainer.encoderWeights() };
  trainer.dispose();
  return r;
}

const test = toFloats(loadMnistFromPackage().test, 8);
const pixelsOf = (i: number) => test.x.subarray(i * PIXELS, (i + 1) * PIXELS);

/** Codes from the encoder's q (as the IWAE draws them) or spread over the plane (as the grid's coarse pass). */
function codes(mu: ArrayLike<number>, sigma: ArrayLike<number>, n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const d = mu.length;
  return Float32Array.from({ length: n * d }, (_, i) => mu[i % d]! + sigma[i % d]! * rng.normal());
}

async function maxError(dec: DecoderWeights, x: Float32Array, label: number | null, z: Float32Array) {
  const stats = { width: 0 };
  const got = await decoderLogLikelihood(dec, x, label, z, stats);
  const want = reference(dec, x, label, z);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  return { worst, width: stats.width, n: want.length };
}

describe('decoderLogLikelihood (folded units, cross-entropy by products of sigmoids)', () => {
  it('matches the full decoder in float64 on the shipped VAE: codes from q and codes over the prior', async () => {
    const { dec, enc } = await shipped('vae-latent2.vaelab');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) {
      const x = pixelsOf(i);
      const q = encodeCpu(enc, x);
      const fromQ = await maxError(dec, x, null, codes(q.mu, Array.from(q.logVar, (v) => Math.exp(0.5 * v)), 200, 11 + i));
      // Few units cross zero inside one digit's q: the product shrinks from 512 to a few dozen.
      expect(fromQ.width).toBeLessThan(200);
      expect(fromQ.worst).toBeLessThan(0.02);
      const wide = await maxError(dec, x, null, codes([0, 0], [2.5, 2.5], 200, 21 + i));
      // Far from q the 31,000-step decoder's logits reach tens and log p(x|z) hundreds of nats:
      // float32 rounding of the folded sums then reaches ~0.025 nats (1e-4 of the value).
      expect(wide.worst).toBeLessThan(0.05);
    }
    // One code: every unit is on or off, none crosses.
    const one = await maxError(dec, pixelsOf(5), null, new Float32Array([0.3, -0.7]));
    expect(one.width).toBe(3);
    expect(one.worst).toBeLessThan(0.02);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('reads the label like the standard CVAE decoder does', async () => {
    const { dec, enc } = await shipped('cvae-standard-latent2.vaelab');
    expect(dec.labelW).toBeDefined();
    const x = pixelsOf(0);
    const label = test.labels[0]!;
    const q = encodeCpu(enc, x, label);
    const z = codes(q.mu, Array.from(q.logVar, (v) => Math.exp(0.5 * v)), 200, 5);
    expect((await maxError(dec, x, label, z)).worst).toBeLessThan(0.02);
    // And the label matters: another class gives another likelihood.
    const other = await decoderLogLikelihood(dec, x, (label + 1) % 10, z);
    const mine = await decoderLogLikelihood(dec, x, label, z);
    expect(Math.abs(other[0]! - mine[0]!)).toBeGreaterThan(0.1);
  }, 120_000);

  it('any latent size, and a decoder whose units are all off (logits = b2)', async () => {
    const rng = createRng(3);
    const d = 5;
    const hd = 64;
    const dec: DecoderWeights = {
      latentDim: d, hiddenDim: hd,
      w1: Float32Array.from({ length: d * hd }, () => 0.5 * rng.normal()),
      b1: Float32Array.from({ length: hd }, () => 0.3 * rng.normal()),
      w2: Float32Array.from({ length: hd * PIXELS }, () => 0.5 * rng.normal()),
      b2: Float32Array.from({ length: PIXELS }, () => rng.normal()),
    };
    const x = pixelsOf(1);
    const r = await maxError(dec, x, null, codes(new Array(d).fill(0), new Array(d).fill(1), 100, 9));
    expect(r.width).toBeGreaterThan(d + 1);
    expect(r.worst).toBeLessThan(0.01);
    const off = { ...dec, b1: new Float32Array(hd).fill(-100) };
    const r0 = await maxError(off, x, null, codes(new Array(d).fill(0), new Array(d).fill(1), 10, 9));
    expect(r0.width).toBe(0);
    expect(r0.worst).toBeLessThan(0.01);
  }, 120_000);
});
