import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { VaeTrainer } from '../../src/model/trainer';
import { decodeModelFile, encodeModelFile } from '../../src/model/modelFile';
import type { ModelConfig, TrainSettings } from '../../src/shared/types';

beforeAll(useWasmBackend);

const config: ModelConfig = { latentDim: 2, hiddenDim: 16, conditional: false, seed: 3 };
const settings: TrainSettings = { learningRate: 0.01, batchSize: 8, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' };

async function flat(trainer: VaeTrainer): Promise<Float32Array[]> {
  return (await trainer.exportState()).params;
}

describe('Adam after a load', () => {
  it('restarts bias correction when the moments are not loaded: the first update is lr per weight, not 3-6x lr', async () => {
    const source = new VaeTrainer(config, settings);
    const x = tf.randomUniform([8, 784]) as tf.Tensor2D;
    for (let i = 0; i < 5; i++) source.trainStep(x, null, settings).dispose();
    const saved = await source.exportState();
    // A shipped file: weights and the model's age, no moments.
    const loaded = new VaeTrainer(config, settings);
    loaded.importState({ params: saved.params, step: 3000 });
    expect(loaded.step).toBe(3000);
    expect(loaded.optimizer.momentSteps).toBe(0);
    const before = await flat(loaded);
    loaded.trainStep(x, null, settings).dispose();
    const after = await flat(loaded);
    // Adam's first step from zero moments: m_hat = g, v_hat = g^2, so each weight with a
    // non-negligible gradient moves by lr (up to epsilon); the old code moved it by 3.16 lr.
    let largest = 0;
    before.forEach((b, i) => b.forEach((v, j) => { largest = Math.max(largest, Math.abs(after[i]![j]! - v)); }));
    expect(largest).toBeLessThanOrEqual(settings.learningRate * 1.0001);
    expect(largest).toBeGreaterThan(settings.learningRate * 0.99);
    x.dispose();
    source.dispose();
    loaded.dispose();
  });

  it('keeps the moments\' own age through a model file, apart from the model\'s step', async () => {
    const trainer = new VaeTrainer(config, settings);
    trainer.importState({ params: await flat(trainer), step: 3000 });
    const x = tf.randomUniform([8, 784]) as tf.Tensor2D;
    for (let i = 0; i < 4; i++) trainer.trainStep(x, null, settings).dispose();
    const state = await trainer.exportState();
    expect(state.step).toBe(3004);
    expect(state.momentSteps).toBe(4);
    const bytes = encodeModelFile({
      config, settings, step: state.step, params: state.params,
      optimizer: { m: state.m, v: state.v, momentSteps: state.momentSteps }, source: 'test', savedAt: '',
    }, 'float32');
    const back = decodeModelFile(bytes);
    expect(back.step).toBe(3004);
    expect(back.optimizer?.momentSteps).toBe(4);
    const again = new VaeTrainer(config, settings);
    again.importState({ params: back.params, m: back.optimizer?.m, v: back.optimizer?.v, momentSteps: back.optimizer?.momentSteps, step: back.step });
    expect(again.optimizer.momentSteps).toBe(4);
    x.dispose();
    trainer.dispose();
    again.dispose();
  });
});
