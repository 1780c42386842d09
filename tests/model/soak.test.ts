import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { loadMnistFromPackage } from '../helpers/mnistNode';
import { Batcher, toFloats } from '../../src/data/batcher';
import { VaeTrainer } from '../../src/model/trainer';
import type { TrainSettings } from '../../src/shared/types';

beforeAll(useWasmBackend);

/**
 * 20,000 steps of a small model (leaks do not depend on size) with the settings the UI can change
 * mid-run changed every 1,000 steps, and a rebuild (as reset and latent-size changes do) every
 * 5,000: tensor count flat, JS heap flat, loss finite throughout.
 */
describe('soak', () => {
  it('20,000 steps with changing settings: tensors and heap flat, loss finite', async () => {
    const mnist = loadMnistFromPackage();
    const test = toFloats(mnist.test, 100);
    const testX = tf.tensor2d(test.x, [test.count, 784]);
    const batcher = new Batcher(mnist.train, 7);
    const schedules: TrainSettings[] = [
      { learningRate: 1e-3, batchSize: 16, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' },
      { learningRate: 3e-3, batchSize: 8, klWeight: 0, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' },
      { learningRate: 1e-4, batchSize: 32, klWeight: 20, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' },
      { learningRate: 1e-2, batchSize: 12, klWeight: 0.5, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' },
    ];
    const recon: Pick<TrainSettings, 'reconLoss' | 'reconReduction'>[] = [
      { reconLoss: 'bce', reconReduction: 'sum' }, { reconLoss: 'mse', reconReduction: 'mean' },
    ];
    let trainer: VaeTrainer | null = null;
    let tensorsAfterBuild = -1;
    const heapMb: number[] = [];
    for (let step = 0; step < 20_000; step++) {
      if (step % 5000 === 0) {
        trainer?.dispose();
        const latentDim = [2, 3, 16, 2][step / 5000]!;
        trainer = new VaeTrainer({ latentDim, hiddenDim: 16, conditional: step === 10_000, seed: step }, { learningRate: 1e-3 });
        tensorsAfterBuild = tf.memory().numTensors;
      }
      const t = trainer!;
      // The loss choices are training settings: they switch mid-run, between two steps.
      const s = { ...schedules[Math.floor(step / 1000) % schedules.length]!, ...recon[Math.floor(step / 2500) % 2] };
      const batch = batcher.next(s.batchSize);
      const x = tf.tensor2d(batch.x, [batch.size, 784]);
      const y = t.config.conditional ? tf.tensor1d(batch.labels, 'int32') : null;
      const readout = t.trainStep(x, y, s);
      x.dispose();
      y?.dispose();
      if (step % 500 === 499) {
        const r = await VaeTrainer.read(readout);
        expect(Number.isFinite(r.loss), `loss at step ${step}`).toBe(true);
        expect(tf.memory().numTensors - 1, `tensors at step ${step}`).toBe(tensorsAfterBuild);
        await t.snapshot(testX);
        heapMb.push(process.memoryUsage().heapUsed / 1e6);
      }
      readout.dispose();
    }
    trainer!.dispose();
    testX.dispose();
    // Garbage collection makes the heap saw-tooth; compare the lows of the first and last quarters.
    const q = Math.floor(heapMb.length / 4);
    const early = Math.min(...heapMb.slice(0, q));
    const late = Math.min(...heapMb.slice(-q));
    expect(late - early).toBeLessThan(30);
  }, 600_000);
});
