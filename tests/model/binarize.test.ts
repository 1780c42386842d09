import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { loadMnistFromPackage } from '../helpers/mnistNode';
import { Batcher, toFloats } from '../../src/data/batcher';
import { binarizeFixed } from '../../src/data/binarize';
import { binarizeBatch } from '../../src/model/binarize';
import { VaeTrainer } from '../../src/model/trainer';
import type { ModelConfig, TrainSettings } from '../../src/shared/types';

beforeAll(useWasmBackend);

const GREYS = [0, 0.05, 0.3, 0.5, 0.8, 0.97, 1];

describe('dynamic binarization of a training batch', () => {
  it('is unbiased: the mean of many draws is the grey level', async () => {
    const draws = 4000;
    const x = tf.tensor2d(GREYS, [1, GREYS.length]);
    const tiled = tf.tile(x, [draws, 1]) as tf.Tensor2D;
    const b = binarizeBatch(tiled);
    const values = await b.data();
    expect(new Set(values)).toEqual(new Set([0, 1]));
    const mean = Array.from(await tf.mean(b, 0).data());
    GREYS.forEach((p, j) => {
      // Five binomial standard errors (at most 0.04 here); exact at 0 and 1.
      const tolerance = 5 * Math.sqrt((p * (1 - p)) / draws);
      expect(Math.abs(mean[j]! - p), `grey ${p}`).toBeLessThanOrEqual(tolerance);
    });
    tf.dispose([x, tiled, b]);
  });

  it('draws afresh on every call and adds only the tensor it returns', async () => {
    const x = tf.fill([64, 784], 0.5) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const a = binarizeBatch(x);
    const b = binarizeBatch(x);
    expect(tf.memory().numTensors).toBe(before + 2);
    const da = await a.data();
    const db = await b.data();
    let differ = 0;
    for (let i = 0; i < da.length; i++) if (da[i] !== db[i]) differ++;
    // Two independent fair coins disagree half the time: ~25,000 of 50,176.
    expect(differ / da.length).toBeGreaterThan(0.45);
    expect(differ / da.length).toBeLessThan(0.55);
    tf.dispose([x, a, b]);
  });
});

describe('fixed binarization of the test digits', () => {
  const mnist = loadMnistFromPackage();
  const test = toFloats(mnist.test, 200);

  it('is the same on every call, binary, and unbiased over the digits', () => {
    const a = binarizeFixed(test.x);
    const b = binarizeFixed(test.x);
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([0, 1]));
    const grey = test.x.reduce((s, v) => s + v, 0);
    const ones = a.reduce((s, v) => s + v, 0);
    // Sum of independent Bernoullis: variance sum p(1-p) <= n/4.
    const sd = Math.sqrt(test.x.reduce((s, p) => s + p * (1 - p), 0));
    expect(Math.abs(ones - grey)).toBeLessThan(5 * sd);
    expect(binarizeFixed(test.x, 99)).not.toEqual(a);
  });
});

describe('a model trained on binarized pixels', () => {
  it('trains on fresh binary draws with flat tensors and scores a true Bernoulli negative ELBO', async () => {
    const mnist = loadMnistFromPackage();
    const config: ModelConfig = { latentDim: 2, hiddenDim: 64, conditional: false, seed: 1 };
    const settings: TrainSettings = { learningRate: 1e-2, batchSize: 64, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'binarized' };
    const trainer = new VaeTrainer(config, settings);
    const batcher = new Batcher(mnist.train, 3);
    const before = tf.memory().numTensors;
    let firstLoss = NaN;
    let lastLoss = NaN;
    for (let step = 0; step < 60; step++) {
      const batch = batcher.next(settings.batchSize);
      const x = tf.tensor2d(batch.x, [batch.size, 784]);
      const readout = trainer.trainStep(x, null, settings);
      const r = await VaeTrainer.read(readout);
      tf.dispose([x, readout]);
      if (step === 0) firstLoss = r.loss;
      lastLoss = r.loss;
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(lastLoss).toBeLessThan(firstLoss - 100);

    // Held-out score on fixed binary digits, against an independent float64 computation:
    // -log p(x | z) = -sum_j [x_j log s(l_j) + (1 - x_j) log(1 - s(l_j))] with z = mu + sigma eps,
    // plus KL = 1/2 sum (mu^2 + sigma^2 - log sigma^2 - 1), averaged over digits.
    const n = 50;
    const greyX = toFloats(mnist.test, n).x;
    const binX = binarizeFixed(greyX);
    const testX = tf.tensor2d(binX, [n, 784]);
    const score = await trainer.evaluateNelbo(testX, null);
    // The evaluation's own noise: seed 1234 + chunk start (one chunk here).
    const epsT = tf.randomNormal([n, 2], 0, 1, 'float32', 1234);
    const eps = await epsT.data();
    const enc = await trainer.encoderWeights();
    const dec = await trainer.decoderWeights();
    const H = config.hiddenDim;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const x = binX.subarray(i * 784, (i + 1) * 784);
      const h = new Float64Array(H);
      for (let k = 0; k < H; k++) {
        let s = enc.b1[k]!;
        for (let j = 0; j < 784; j++) s += x[j]! * enc.w1[j * H + k]!;
        h[k] = Math.max(0, s);
      }
      const z: number[] = [];
      let kl = 0;
      for (let d = 0; d < 2; d++) {
        let mu = enc.bMu[d]!;
        let lv = enc.bLogVar[d]!;
        for (let k = 0; k < H; k++) { mu += h[k]! * enc.wMu[k * 2 + d]!; lv += h[k]! * enc.wLogVar[k * 2 + d]!; }
        z.push(mu + Math.exp(lv / 2) * eps[i * 2 + d]!);
        kl += 0.5 * (mu * mu + Math.exp(lv) - lv - 1);
      }
      const g = new Float64Array(H);
      for (let k = 0; k < H; k++) g[k] = Math.max(0, dec.b1[k]! + z[0]! * dec.w1[k]! + z[1]! * dec.w1[H + k]!);
      let nll = 0;
      for (let j = 0; j < 784; j++) {
        let l = dec.b2[j]!;
        for (let k = 0; k < H; k++) l += g[k]! * dec.w2[k * 784 + j]!;
        const p = 1 / (1 + Math.exp(-l));
        nll -= x[j] === 1 ? Math.log(p) : Math.log(1 - p);
      }
      total += nll + kl;
    }
    const independent = total / n;
    expect(Math.abs(score - independent) / independent).toBeLessThan(1e-3);
    tf.dispose([testX, epsT]);
    trainer.dispose();
  }, 240_000);
});
