import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { loadMnistFromPackage } from '../helpers/mnistNode';
import { toFloats } from '../../src/data/batcher';
import { decodeModelFile } from '../../src/model/modelFile';
import { VaeTrainer } from '../../src/model/trainer';

beforeAll(useWasmBackend);

// The committed "skip ahead" models are uint8-quantized: check the quantized weights themselves
// are still good, measured the same way the app measures them.
describe.each([
  ['vae-latent2.vaelab', false],
  ['cvae-latent2.vaelab', true],
])('shipped pretrained model %s', (file, conditional) => {
  it('loads and scores a held-out -ELBO under 165 nats', async () => {
    const model = decodeModelFile(new Uint8Array(readFileSync(resolve(__dirname, '../../public/pretrained', file))));
    expect(model.config.conditional).toBe(conditional);
    expect(model.source).toMatch(/npm run pretrain/);
    const trainer = new VaeTrainer(model.config, model.settings);
    trainer.importState({ params: model.params });
    const test = toFloats(loadMnistFromPackage().test, 1000);
    const x = tf.tensor2d(test.x, [test.count, 784]);
    const y = conditional ? tf.tensor1d(test.labels, 'int32') : null;
    const nelbo = await trainer.evaluateNelbo(x, y);
    expect(nelbo).toBeLessThan(165);
    tf.dispose([x, ...(y ? [y] : [])]);
    trainer.dispose();
  });
});
