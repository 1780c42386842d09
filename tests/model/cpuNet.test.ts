import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { VaeTrainer } from '../../src/model/trainer';
import { decode, encode } from '../../src/model/vae';
import { decodeCpu, encodeCpu } from '../../src/model/cpuNet';
import { mulberry32 } from '../../src/math/random';

beforeAll(useWasmBackend);

describe('CPU encoder and decoder', () => {
  it('agree with the tfjs model on the same weights', async () => {
    const trainer = new VaeTrainer({ latentDim: 3, hiddenDim: 64, conditional: false, seed: 9 }, { learningRate: 1e-3 });
    const rand = mulberry32(3);
    const x = Float32Array.from({ length: 784 }, () => (rand() < 0.2 ? rand() : 0));
    const z = Float32Array.from([0.3, -1.2, 2.0]);
    const dec = await trainer.decoderWeights();
    const enc = await trainer.encoderWeights();
    const cpuImage = decodeCpu(dec, z);
    const cpuPost = encodeCpu(enc, x);
    const tfImage = decode(trainer.params, tf.tensor2d(z, [1, 3]));
    const tfPost = encode(trainer.params, tf.tensor2d(x, [1, 784]));
    const want = await tfImage.data();
    for (let p = 0; p < 784; p++) expect(cpuImage[p]).toBeCloseTo(want[p]!, 5);
    const mu = await tfPost.mu.data();
    const lv = await tfPost.logVar.data();
    for (let k = 0; k < 3; k++) {
      expect(cpuPost.mu[k]).toBeCloseTo(mu[k]!, 4);
      expect(cpuPost.logVar[k]).toBeCloseTo(lv[k]!, 4);
    }
    tf.dispose([tfImage, tfPost.mu, tfPost.logVar]);
    trainer.dispose();
  });
});
