// Kernels per training step (tf.profile's kernel list) and step time on tfjs-wasm in Node, for
// the app's default model and the other configurations the trainer supports.
// Run: npx vitest run -c bench/profile/vitest.config.ts bench/profile/kernels.profile.ts
// Writes bench/out/kernels.json (bench/run.mjs's `kernels` phase reads it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { VaeTrainer } from '../../src/model/trainer';
import type { CvaeKind, ModelConfig, TrainSettings } from '../../src/shared/types';
import { useWasmBackend } from '../../tests/helpers/tfWasm';

const settings: TrainSettings = { learningRate: 1e-3, batchSize: 128, klWeight: 1 };
const base: ModelConfig = { latentDim: 2, hiddenDim: 512, conditional: false, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey', seed: 1 };
const variants: [string, Partial<ModelConfig> & { kind?: CvaeKind }][] = [
  ['default (VAE, grey, BCE summed)', {}],
  ['binarized pixels', { pixels: 'binarized' }],
  ['MSE, pixel mean', { reconLoss: 'mse', reconReduction: 'mean' }],
  ["essay's CVAE", { conditional: true, kind: 'essay' }],
  ['standard CVAE', { conditional: true, kind: 'standard' }],
];

test('kernels per training step', async () => {
  const tf = await useWasmBackend();
  const x = tf.randomUniform([128, 784]) as import('@tensorflow/tfjs').Tensor2D;
  const y = tf.tensor1d(Array.from({ length: 128 }, (_, i) => i % 10), 'int32');
  const rows: { config: string; adam: string; kernels: number; byName: Record<string, number> }[] = [];
  for (const [name, patch] of variants) {
    for (const fused of [true, false]) {
      const config = { ...base, ...patch };
      const trainer = new VaeTrainer(config, settings);
      trainer.optimizer.useFusedKernel = fused;
      const labels = config.conditional ? y : null;
      for (let i = 0; i < 3; i++) trainer.trainStep(x, labels, settings).dispose();
      const info = await tf.profile(async () => {
        const r = trainer.trainStep(x, labels, settings);
        await r.data();
        r.dispose();
      });
      const byName: Record<string, number> = {};
      for (const k of info.kernels) byName[k.name] = (byName[k.name] ?? 0) + 1;
      rows.push({ config: name, adam: fused ? 'one fused kernel (wasm, cpu)' : 'op by op (other backends)', kernels: info.kernels.length, byName });
      trainer.dispose();
    }
  }
  console.table(rows.map((r) => ({ config: r.config, adam: r.adam, kernels: r.kernels })));
  console.log(rows[0]!.byName);
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/kernels.json', `${JSON.stringify({ backend: tf.getBackend(), kernelsPerStep: rows[0]!.kernels, rows }, null, 2)}\n`);
  tf.dispose([x, y]);
});
