import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { loadMnistFromPackage } from '../helpers/mnistNode';
import { toFloats } from '../../src/data/batcher';
import { DigitClassifier } from '../../src/model/classifier';
import { decodeModelFile } from '../../src/model/modelFile';
import { priorSampleAccuracy } from '../../src/model/sampleAccuracy';
import { VaeTrainer } from '../../src/model/trainer';

let classifier: DigitClassifier;
let tensorsBefore = 0;

beforeAll(async () => {
  await useWasmBackend();
  tensorsBefore = tf.memory().numTensors;
  classifier = new DigitClassifier();
  const t0 = Date.now();
  await classifier.train(loadMnistFromPackage().train);
  console.log(`classifier trained in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 600_000);

afterAll(() => {
  classifier.dispose();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

async function shippedAccuracy(file: string): Promise<number> {
  const model = decodeModelFile(new Uint8Array(readFileSync(join(__dirname, '../../public/pretrained', file))));
  const trainer = new VaeTrainer(model.config, model.settings);
  trainer.importState({ params: model.params });
  const { accuracy } = await priorSampleAccuracy(trainer.params, model.config.latentDim, classifier);
  trainer.dispose();
  return accuracy;
}

describe('the digit classifier that scores generated digits', () => {
  it('is right on >= 97% of the 10,000 held-out test digits after its three epochs', async () => {
    const test = toFloats(loadMnistFromPackage().test, 10000);
    const x = tf.tensor2d(test.x, [test.count, 784]);
    const y = tf.tensor1d(test.labels, 'int32');
    const accuracy = await classifier.accuracy(x, y);
    console.log(`classifier: ${(100 * accuracy).toFixed(2)}% on the 10,000 test digits`);
    expect(accuracy).toBeGreaterThanOrEqual(0.97);
    tf.dispose([x, y]);
  });

  it('finds an untrained conditional VAE\'s samples at about chance, 100 per class', async () => {
    const untrained = new VaeTrainer({ latentDim: 2, hiddenDim: 64, conditional: true, kind: 'standard', seed: 1 }, { learningRate: 1e-3 });
    const { accuracy, tally } = await priorSampleAccuracy(untrained.params, 2, classifier);
    expect(tally.total).toEqual(new Array(10).fill(100));
    expect(accuracy).toBeLessThan(0.3);
    untrained.dispose();
  });

  it('scores the shipped standard CVAE >= 90% on 1,000 prior samples, and reports the essay\'s', async () => {
    const standard = await shippedAccuracy('cvae-standard-latent2.vaelab');
    const essay = await shippedAccuracy('cvae-latent2.vaelab');
    console.log(`shipped (uint8) models, 1,000 prior samples: standard CVAE ${(100 * standard).toFixed(1)}%, essay's CVAE ${(100 * essay).toFixed(1)}%`);
    expect(standard).toBeGreaterThanOrEqual(0.9);
    expect(essay).toBeLessThan(standard);
  });
});
