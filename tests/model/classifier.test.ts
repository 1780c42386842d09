import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { loadMnistFromPackage } from '../helpers/mnistNode';
import { toFloats } from '../../src/data/batcher';
import { DigitClassifier } from '../../src/model/classifier';
import { priorSampleAccuracy } from '../../src/model/sampleAccuracy';
import { VaeTrainer } from '../../src/model/trainer';

beforeAll(useWasmBackend);

describe('the digit classifier that scores generated digits', () => {
  it('reaches >= 97% on the 10,000 held-out test digits after its two epochs, without leaking tensors', async () => {
    const data = loadMnistFromPackage();
    const before = tf.memory().numTensors;
    const classifier = new DigitClassifier();
    const t0 = Date.now();
    await classifier.train(data.train);
    const trainSeconds = (Date.now() - t0) / 1000;
    const test = toFloats(data.test, 10000);
    const x = tf.tensor2d(test.x, [test.count, 784]);
    const y = tf.tensor1d(test.labels, 'int32');
    const accuracy = await classifier.accuracy(x, y);
    console.log(`classifier: ${(100 * accuracy).toFixed(2)}% on 10,000 test digits, trained in ${trainSeconds.toFixed(1)} s`);
    expect(accuracy).toBeGreaterThanOrEqual(0.97);

    // An untrained essay CVAE's samples are noise to the classifier: about chance, far from the trained models' numbers.
    const untrained = new VaeTrainer({ latentDim: 2, hiddenDim: 64, conditional: true, kind: 'standard', reconLoss: 'bce', reconReduction: 'sum', seed: 1 }, { learningRate: 1e-3 });
    const { accuracy: chance, tally } = await priorSampleAccuracy(untrained.params, 2, classifier);
    expect(tally.total).toEqual(new Array(10).fill(100));
    expect(chance).toBeLessThan(0.3);
    untrained.dispose();

    tf.dispose([x, y]);
    classifier.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);
});
