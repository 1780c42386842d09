import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { loadMnistFromPackage } from '../helpers/mnistNode';
import { Batcher, toFloats } from '../../src/data/batcher';
import { VaeTrainer } from '../../src/model/trainer';
import type { ModelConfig, TrainSettings } from '../../src/shared/types';

beforeAll(useWasmBackend);

const config: ModelConfig = {
  latentDim: 2, hiddenDim: 512, conditional: false, seed: 1,
};
const settings: TrainSettings = { learningRate: 1e-3, batchSize: 128, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' };

function trainSteps(trainer: VaeTrainer, batcher: Batcher, steps: number, s: TrainSettings, conditional = false): void {
  for (let i = 0; i < steps; i++) {
    const batch = batcher.next(s.batchSize);
    const x = tf.tensor2d(batch.x, [batch.size, 784]);
    const y = conditional ? tf.tensor1d(batch.labels, 'int32') : null;
    trainer.trainStep(x, y, s).dispose();
    x.dispose();
    y?.dispose();
  }
}

describe('VaeTrainer on real MNIST', () => {
  it('lowers the held-out negative ELBO by a clear margin in 200 steps', async () => {
    const mnist = loadMnistFromPackage();
    const test = toFloats(mnist.test, 1000);
    const testX = tf.tensor2d(test.x, [test.count, 784]);
    const trainer = new VaeTrainer(config, settings);
    const batcher = new Batcher(mnist.train, 1);
    const initial = await trainer.evaluateNelbo(testX, null);
    trainSteps(trainer, batcher, 60, settings);
    const at60 = await trainer.evaluateNelbo(testX, null);
    trainSteps(trainer, batcher, 140, settings);
    const at200 = await trainer.evaluateNelbo(testX, null);
    // Reference (shared/BROWSER-TESTING.md): ~190 nats at step 100, ~180 at step 200.
    expect(initial).toBeGreaterThan(450);
    expect(at200).toBeLessThan(195);
    expect(at60 - at200).toBeGreaterThan(5);
    trainer.dispose();
    testX.dispose();
  }, 240_000);
});

describe('tensor hygiene', () => {
  it('adds no tensors over 200 steps, settings changes, snapshots and a reset', async () => {
    const mnist = loadMnistFromPackage();
    const test = toFloats(mnist.test, 200);
    const testX = tf.tensor2d(test.x, [test.count, 784]);
    const testY = tf.tensor1d(test.labels, 'int32');
    const before = tf.memory().numTensors;
    // A small model: leaks do not depend on size.
    const small: ModelConfig = { ...config, hiddenDim: 32, latentDim: 3, conditional: true };
    let trainer = new VaeTrainer(small, settings);
    const afterCreate = tf.memory().numTensors;
    const batcher = new Batcher(mnist.train, 2);
    trainSteps(trainer, batcher, 100, { ...settings, batchSize: 32 }, true);
    trainSteps(trainer, batcher, 100, { learningRate: 3e-3, batchSize: 16, klWeight: 5, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' }, true);
    expect(tf.memory().numTensors).toBe(afterCreate);
    await trainer.snapshot(testX);
    await trainer.evaluateNelbo(testX, testY);
    const state = await trainer.exportState();
    trainer.importState(state);
    expect(tf.memory().numTensors).toBe(afterCreate);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    trainer = new VaeTrainer(small, settings);
    expect(tf.memory().numTensors).toBe(afterCreate);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    testX.dispose();
    testY.dispose();
  }, 120_000);

  it('restores exported weights and optimizer state exactly', async () => {
    const small: ModelConfig = { ...config, hiddenDim: 16 };
    const a = new VaeTrainer(small, settings);
    const b = new VaeTrainer({ ...small, seed: 99 }, settings);
    const mnist = loadMnistFromPackage();
    trainSteps(a, new Batcher(mnist.train, 3), 5, { ...settings, batchSize: 8 });
    const state = await a.exportState();
    b.importState(state);
    const again = await b.exportState();
    expect(again.step).toBe(5);
    expect(Array.from(again.params[0]!)).toEqual(Array.from(state.params[0]!));
    expect(Array.from(again.v[9]!)).toEqual(Array.from(state.v[9]!));
    expect(() => b.importState({ params: state.params.slice(1) })).toThrow(/match/);
    a.dispose();
    b.dispose();
  });
});
