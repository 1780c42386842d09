import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { mulberry32 } from '../../src/math/random';
import { vaeLoss } from '../../src/model/losses';
import { VaeTrainer } from '../../src/model/trainer';
import { decode, decodeLogits, encode, paramList, priorMeans, reparameterize, type VaeParams } from '../../src/model/vae';
import { decodeCpu, encodeCpu } from '../../src/model/cpuNet';
import { decodeModelFile, encodeModelFile } from '../../src/model/modelFile';
import { PARAM_ORDER, paramShapes } from '../../src/shared/architecture';
import type { CvaeKind, ModelConfig } from '../../src/shared/types';

beforeAll(useWasmBackend);

const B = 3;
const Z = 2;
const H = 5;
const P = 784;

function tiny(kind: CvaeKind): ModelConfig {
  return { latentDim: Z, hiddenDim: H, conditional: true, kind, seed: 3 };
}

type Weights = Record<string, Float64Array>;

async function weightsOf(params: VaeParams): Promise<Weights> {
  const out: Weights = {};
  for (const name of PARAM_ORDER) {
    const v = params[name];
    if (v) out[name] = Float64Array.from(await v.data());
  }
  return out;
}

/**
 * The loss written out in plain float64 loops, sharing no code with the model: per digit,
 * BCE summed over pixels + KL(N(mu, sigma^2) || N(prior, I)), averaged over the batch.
 * Essay's CVAE: prior = mu^y, no label inputs. Standard: prior 0, onehot(y) into both first layers.
 */
function referenceLoss(w: Weights, x: Float64Array, y: number[], eps: Float64Array, kind: CvaeKind): number {
  let total = 0;
  for (let b = 0; b < B; b++) {
    const h = new Float64Array(H);
    for (let j = 0; j < H; j++) {
      let s = w.encB![j]!;
      for (let p = 0; p < P; p++) s += x[b * P + p]! * w.encW![p * H + j]!;
      if (kind === 'standard') s += w.encLabelW![y[b]! * H + j]!;
      h[j] = Math.max(0, s);
    }
    const z = new Float64Array(Z);
    let kl = 0;
    for (let k = 0; k < Z; k++) {
      let mu = w.muB![k]!;
      let lv = w.logVarB![k]!;
      for (let j = 0; j < H; j++) {
        mu += h[j]! * w.muW![j * Z + k]!;
        lv += h[j]! * w.logVarW![j * Z + k]!;
      }
      z[k] = mu + eps[b * Z + k]! * Math.exp(lv / 2);
      const prior = kind === 'essay' ? w.classMeans![y[b]! * Z + k]! : 0;
      kl += 0.5 * ((mu - prior) ** 2 + Math.exp(lv) - lv - 1);
    }
    const g = new Float64Array(H);
    for (let j = 0; j < H; j++) {
      let s = w.decB1![j]!;
      for (let k = 0; k < Z; k++) s += z[k]! * w.decW1![k * H + j]!;
      if (kind === 'standard') s += w.decLabelW![y[b]! * H + j]!;
      g[j] = Math.max(0, s);
    }
    let recon = 0;
    for (let p = 0; p < P; p++) {
      let l = w.decB2![p]!;
      for (let j = 0; j < H; j++) l += g[j]! * w.decW2![j * P + p]!;
      const prob = 1 / (1 + Math.exp(-l));
      const t = x[b * P + p]!;
      recon -= t * Math.log(prob) + (1 - t) * Math.log(1 - prob);
    }
    total += recon + kl;
  }
  return total / B;
}

function batch(): { x: Float64Array; y: number[]; eps: Float64Array } {
  const rand = mulberry32(17);
  const x = Float64Array.from({ length: B * P }, () => (rand() < 0.3 ? rand() : 0));
  const eps = Float64Array.from({ length: B * Z }, () => rand() * 2 - 1);
  return { x, y: [7, 2, 7], eps };
}

/** The model's own loss on the batch, as the trainer builds it (beta = 1, bce, sum). */
function modelLoss(params: VaeParams, x: tf.Tensor2D, labels: tf.Tensor1D, eps: tf.Tensor2D): tf.Scalar {
  const { mu, logVar } = encode(params, x, labels);
  const logits = decodeLogits(params, reparameterize(mu, logVar, eps), labels);
  const prior = params.classMeans ? priorMeans(params, labels, B, Z) : undefined;
  return vaeLoss(logits, x, mu, logVar, 1, 'bce', 'sum', prior).loss;
}

describe('the two conditional VAEs', () => {
  it('have the parameters of their kind: mu^Y for the essay, label rows for the standard CVAE', () => {
    expect(Object.keys(paramShapes(tiny('essay')))).toContain('classMeans');
    expect(Object.keys(paramShapes(tiny('essay')))).not.toContain('decLabelW');
    expect(paramShapes(tiny('standard')).decLabelW).toEqual([10, H]);
    expect(paramShapes(tiny('standard')).encLabelW).toEqual([10, H]);
    expect(Object.keys(paramShapes(tiny('standard')))).not.toContain('classMeans');
    // A conditional config saved before `kind` existed is the essay's CVAE.
    expect(Object.keys(paramShapes({ ...tiny('essay'), kind: undefined }))).toContain('classMeans');
  });

  for (const kind of ['essay', 'standard'] as const) {
    it(`${kind}: the loss matches a float64 loop implementation`, async () => {
      const trainer = new VaeTrainer(tiny(kind), { learningRate: 1e-3 });
      const { x, y, eps } = batch();
      const got = tf.tidy(() => modelLoss(trainer.params, tf.tensor2d(Float32Array.from(x), [B, P]), tf.tensor1d(y, 'int32'), tf.tensor2d(Float32Array.from(eps), [B, Z])));
      const want = referenceLoss(await weightsOf(trainer.params), x, y, eps, kind);
      expect((await got.data())[0]!).toBeCloseTo(want, 2);
      got.dispose();
      trainer.dispose();
    });
  }

  it('standard: gradients agree with central finite differences of the float64 loss', async () => {
    const trainer = new VaeTrainer(tiny('standard'), { learningRate: 1e-3 });
    const { x, y, eps } = batch();
    const xs = tf.tensor2d(Float32Array.from(x), [B, P]);
    const ys = tf.tensor1d(y, 'int32');
    const es = tf.tensor2d(Float32Array.from(eps), [B, Z]);
    const { grads, value } = tf.variableGrads(() => modelLoss(trainer.params, xs, ys, es), paramList(trainer.params));
    const w = await weightsOf(trainer.params);
    const h = 1e-4;
    const rand = mulberry32(2);
    // Every label row entry the batch touches (y = 2 and 7) and random entries of the other weights.
    const probes: [string, number][] = [];
    for (let j = 0; j < H; j++) probes.push(['decLabelW', 7 * H + j], ['encLabelW', 2 * H + j], ['decLabelW', 2 * H + j]);
    for (const name of ['decW1', 'decB1', 'muW', 'logVarW', 'encB', 'decW2'] as const) {
      probes.push([name, Math.floor(rand() * w[name]!.length)]);
    }
    let checked = 0;
    for (const [name, i] of probes) {
      const v = trainer.params[name as keyof VaeParams]!;
      const g = (await grads[v.name]!.data())[i]!;
      const arr = w[name]!;
      const orig = arr[i]!;
      arr[i] = orig + h;
      const up = referenceLoss(w, x, y, eps, 'standard');
      arr[i] = orig - h;
      const down = referenceLoss(w, x, y, eps, 'standard');
      arr[i] = orig;
      const fd = (up - down) / (2 * h);
      expect(Math.abs(g - fd)).toBeLessThan(2e-3 * Math.max(1, Math.abs(fd)));
      if (Math.abs(fd) > 1e-3) checked++;
    }
    // The label rows must really steer the loss: most probes see a non-zero slope.
    expect(checked).toBeGreaterThan(probes.length / 2);
    // The unused rows of the label weights (classes absent from the batch) get exactly zero.
    const unused = (await grads[trainer.params.decLabelW!.name]!.data()).slice(0, H);
    for (const u of unused) expect(u).toBe(0);
    tf.dispose([xs, ys, es, value, ...Object.values(grads)]);
    trainer.dispose();
  });

  it('standard: the CPU decoder and encoder take the label the way the tfjs model does', async () => {
    const trainer = new VaeTrainer({ ...tiny('standard'), hiddenDim: 32 }, { learningRate: 1e-3 });
    // Non-zero label rows, so a decoder that ignored the label would fail.
    tf.tidy(() => {
      trainer.params.decLabelW!.assign(tf.randomNormal([10, 32], 0, 1, 'float32', 5));
      trainer.params.encLabelW!.assign(tf.randomNormal([10, 32], 0, 1, 'float32', 6));
    });
    const dec = await trainer.decoderWeights();
    const enc = await trainer.encoderWeights();
    const z = [0.4, -0.9];
    const rand = mulberry32(4);
    const x = Float32Array.from({ length: P }, () => (rand() < 0.2 ? rand() : 0));
    for (const label of [3, 8]) {
      const img = decode(trainer.params, tf.tensor2d(z, [1, 2]), tf.tensor1d([label], 'int32'));
      const want = await img.data();
      const cpu = decodeCpu(dec, z, undefined, label);
      for (let p = 0; p < P; p += 7) expect(cpu[p]).toBeCloseTo(want[p]!, 5);
      const post = encode(trainer.params, tf.tensor2d(x, [1, P]), tf.tensor1d([label], 'int32'));
      const mu = await post.mu.data();
      const cpuPost = encodeCpu(enc, x, label);
      expect(cpuPost.mu[0]).toBeCloseTo(mu[0]!, 4);
      expect(cpuPost.mu[1]).toBeCloseTo(mu[1]!, 4);
      tf.dispose([img, post.mu, post.logVar]);
    }
    const a = decodeCpu(dec, z, undefined, 3);
    const b = decodeCpu(dec, z, undefined, 8);
    let diff = 0;
    for (let p = 0; p < P; p++) diff += Math.abs(a[p]! - b[p]!);
    expect(diff).toBeGreaterThan(1);
    trainer.dispose();
  });

  it('a training step adds only its readout tensor, for both kinds', () => {
    for (const kind of ['essay', 'standard'] as const) {
      const trainer = new VaeTrainer(tiny(kind), { learningRate: 1e-3 });
      const { x, y } = batch();
      const xs = tf.tensor2d(Float32Array.from(x), [B, P]);
      const ys = tf.tensor1d(y, 'int32');
      const before = tf.memory().numTensors;
      const r = trainer.trainStep(xs, ys, { learningRate: 1e-3, batchSize: B, klWeight: 1, reconLoss: 'bce' as const, reconReduction: 'sum' as const, pixels: 'grey' as const });
      expect(tf.memory().numTensors).toBe(before + 1);
      tf.dispose([r, xs, ys]);
      trainer.dispose();
    }
  });

  it('model files keep the kind; a conditional file without one reads as the essay\'s CVAE', () => {
    for (const kind of ['essay', 'standard'] as const) {
      // Files hold the schema's sizes only (hidden 16 and up), wider than the gradient checks' tiny net.
      const cfg = { ...tiny(kind), hiddenDim: 16 };
      const shapes = paramShapes(cfg);
      const rand = mulberry32(8);
      const params = PARAM_ORDER.filter((n) => shapes[n]).map((n) =>
        Float32Array.from({ length: shapes[n]!.reduce((p, q) => p * q, 1) }, () => rand() - 0.5));
      const saved = { config: cfg, settings: { learningRate: 1e-3, batchSize: 128, klWeight: 1, reconLoss: 'bce' as const, reconReduction: 'sum' as const, pixels: 'grey' as const }, step: 9, params, source: 't', savedAt: '' };
      const back = decodeModelFile(encodeModelFile(saved));
      expect(back.config.kind).toBe(kind);
      expect(back.params.length).toBe(params.length);
      back.params.forEach((p, i) => expect(Array.from(p)).toEqual(Array.from(params[i]!)));
      if (kind === 'essay') {
        const legacy = decodeModelFile(encodeModelFile({ ...saved, config: { ...cfg, kind: undefined } }));
        expect(legacy.config.kind).toBe('essay');
      }
    }
  });
});
