// Where the held-out IWAE pass's time goes on tfjs-wasm in Node: one digit's K = 1,000 codes
// through the decoder's log-likelihood, the plain way (as the app did until the fold) and as
// decoderLogLikelihood does it, on the shipped latent-2 model. Medians over repeats, readback
// included. Run: npx vitest run -c bench/profile/vitest.config.ts bench/profile/iwae.profile.ts
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { toFloats } from '../../src/data/batcher';
import { decoderLogLikelihood } from '../../src/model/decoderLikelihood';
import { heldOutLikelihood } from '../../src/model/heldOut';
import { reconstructionLoss } from '../../src/model/losses';
import { decodeModelFile } from '../../src/model/modelFile';
import { encoderFor, iwaeLogPx, runToEnd, type LatentModel } from '../../src/model/posterior';
import { VaeTrainer } from '../../src/model/trainer';
import { PIXELS, type DecoderWeights } from '../../src/shared/types';
import { loadMnistFromPackage } from '../../tests/helpers/mnistNode';
import { useWasmBackend } from '../../tests/helpers/tfWasm';

const REPEATS = Number(process.env.PROFILE_REPEATS ?? 9);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
async function timeIt(fn: () => Promise<unknown> | unknown, repeats = REPEATS): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return Math.round(median(ms) * 100) / 100;
}

/** The plain decoder and summed cross-entropy: 512-wide product, nine elementwise passes. */
async function plainLogLikelihood(w: DecoderWeights, pixels: Float32Array, z: Float32Array): Promise<Float32Array> {
  const n = z.length / w.latentDim;
  const t = tf.tidy(() => {
    const h = tf.relu(tf.add(tf.matMul(tf.tensor2d(z, [n, w.latentDim]), tf.tensor2d(w.w1, [w.latentDim, w.hiddenDim])), tf.tensor1d(w.b1)));
    const logits = tf.add(tf.matMul(h as tf.Tensor2D, tf.tensor2d(w.w2, [w.hiddenDim, PIXELS])), tf.tensor1d(w.b2)) as tf.Tensor2D;
    return tf.neg(reconstructionLoss(logits, tf.tensor2d(pixels, [1, PIXELS]), 'bce', 'sum'));
  });
  const out = (await t.data()) as Float32Array;
  t.dispose();
  return out;
}

test('profile one digit of the IWAE pass on wasm', async () => {
  await useWasmBackend();
  const saved = decodeModelFile(new Uint8Array(readFileSync(resolve(__dirname, '../../public/pretrained/vae-latent2.vaelab'))));
  const trainer = new VaeTrainer(saved.config, saved.settings);
  trainer.importState({ params: saved.params, step: saved.step });
  const model: LatentModel = {
    step: trainer.step, config: { ...trainer.config },
    decoder: await trainer.decoderWeights(), encoder: await trainer.encoderWeights(), classMeans: null,
  };
  trainer.dispose();
  const digits = Number(process.env.PROFILE_DIGITS ?? 5);
  const test1 = toFloats(loadMnistFromPackage().test, Math.max(digits, 100));
  const rows: Record<string, number | string> = {};
  const widths: number[] = [];
  for (let i = 0; i < digits; i++) {
    const pixels = test1.x.subarray(i * PIXELS, (i + 1) * PIXELS);
    const { mu, logVar } = encoderFor(model, pixels, null);
    // K = 1,000 codes from q, as one IWAE chunk draws them.
    const z = new Float32Array(2000);
    for (let k = 0; k < 1000; k++) {
      for (let j = 0; j < 2; j++) {
        const u = Math.max(1e-12, Math.random());
        z[2 * k + j] = mu[j]! + Math.exp(0.5 * logVar[j]!) * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
      }
    }
    const stats = { width: 0 };
    const a = await plainLogLikelihood(model.decoder, pixels, z);
    const b = await decoderLogLikelihood(model.decoder, pixels, null, z, stats);
    let maxDiff = 0;
    for (let k = 0; k < 1000; k++) maxDiff = Math.max(maxDiff, Math.abs(a[k]! - b[k]!));
    widths.push(stats.width);
    rows[`digit ${i}: plain chunk ms`] = await timeIt(() => plainLogLikelihood(model.decoder, pixels, z));
    rows[`digit ${i}: folded chunk ms`] = await timeIt(() => decoderLogLikelihood(model.decoder, pixels, null, z));
    rows[`digit ${i}: folded width (of 512 + 3), max |diff| nats`] = `${stats.width}, ${maxDiff.toExponential(2)}`;
  }
  const pixels0 = test1.x.subarray(0, PIXELS);
  rows['one digit iwaeLogPx K=1000 ms'] = await timeIt(() => runToEnd(iwaeLogPx(model, pixels0, null, 1000, 5)));
  const t0 = performance.now();
  await runToEnd(heldOutLikelihood(model, test1.x, test1.labels, () => undefined, () => undefined, 100, 1000, 0));
  rows['IWAE of 100 digits, s'] = Math.round(performance.now() - t0) / 1000;
  rows['median folded width, 100 digits'] = widths.sort((x, y) => x - y)[widths.length >> 1]!;
  console.table(rows);
}, 900_000);
