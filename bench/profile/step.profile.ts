// Where one training step's time goes on tfjs-wasm in Node (784-512-2, batch 128, Adam).
// Run: npx vitest run -c bench/profile/vitest.config.ts   (prints tables; writes bench/out/profile-step.json)
// Every phase is timed as a median over repeats, readback included, after warm-up.
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { Batcher } from '../../src/data/batcher';
import { vaeLoss } from '../../src/model/losses';
import { VaeTrainer } from '../../src/model/trainer';
import { decodeLogits, encode, paramList, reparameterize } from '../../src/model/vae';
import type { ModelConfig, TrainSettings } from '../../src/shared/types';
import { loadMnistFromPackage } from '../../tests/helpers/mnistNode';
import { useWasmBackend } from '../../tests/helpers/tfWasm';

const REPEATS = Number(process.env.PROFILE_REPEATS ?? 30);
const config: ModelConfig = { latentDim: 2, hiddenDim: 512, conditional: false, reconLoss: 'bce', reconReduction: 'sum', seed: 1 };
const settings: TrainSettings = { learningRate: 1e-3, batchSize: 128, klWeight: 1 };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function timeIt(fn: () => Promise<void> | void, repeats = REPEATS): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

test('profile one training step on wasm', async () => {
  const tf = await useWasmBackend();
  const mnist = loadMnistFromPackage();
  const batcher = new Batcher(mnist.train, 1);
  const trainer = new VaeTrainer(config, settings);
  const out: Record<string, unknown> = { backend: tf.getBackend(), repeats: REPEATS, wasmFeatures: tf.env().features };
  const phases: Record<string, number> = {};

  // 1. The worker's whole step: cut a batch, upload, train, read the 1-D readout back.
  phases.fullStepMs = await timeIt(async () => {
    const batch = batcher.next(128);
    const r = tf.tidy(() => trainer.trainStep(tf.tensor2d(batch.x, [128, 784]), null, settings));
    await r.data();
    r.dispose();
  });
  // 2. Its parts.
  phases.batchCutMs = await timeIt(() => { batcher.next(128); });
  const batch = batcher.next(128);
  const x = tf.tensor2d(batch.x, [128, 784]);
  phases.uploadMs = await timeIt(() => { tf.tensor2d(batch.x, [128, 784]).dispose(); });
  phases.forwardLossMs = await timeIt(async () => {
    const loss = tf.tidy(() => {
      const eps = tf.randomNormal([128, 2]) as tf.Tensor2D;
      const { mu, logVar } = encode(trainer.params, x);
      return vaeLoss(decodeLogits(trainer.params, reparameterize(mu, logVar, eps)), x, mu, logVar, 1, 'bce', 'sum').loss;
    });
    await loss.data();
    loss.dispose();
  });
  phases.forwardBackwardMs = await timeIt(async () => {
    const { value, grads } = tf.variableGrads(() => tf.tidy(() => {
      const eps = tf.randomNormal([128, 2]) as tf.Tensor2D;
      const { mu, logVar } = encode(trainer.params, x);
      return vaeLoss(decodeLogits(trainer.params, reparameterize(mu, logVar, eps)), x, mu, logVar, 1, 'bce', 'sum').loss;
    }), paramList(trainer.params));
    await value.data();
    value.dispose();
    tf.dispose(grads);
  });
  const fakeGrads = paramList(trainer.params).map((v) => tf.randomNormal(v.shape, 0, 1e-3));
  phases.adamMs = await timeIt(async () => {
    trainer.optimizer.apply(fakeGrads);
    await paramList(trainer.params)[0]!.data(); // wait for the update
  });
  const testX = tf.tensor2d(batcher.next(1000).x, [1000, 784]);
  phases.evalNelbo1000Ms = await timeIt(async () => { await trainer.evaluateNelbo(testX, null); }, 5);
  const snapX = tf.tensor2d(batcher.next(2000).x, [2000, 784]);
  phases.snapshotMs = await timeIt(async () => { await trainer.snapshot(snapX); }, 5);
  phases.exportStateMs = await timeIt(async () => { await trainer.exportState(); }, 5);

  // 2b. What-if: the same forward and backward with a dense layer whose gradient uses explicit
  // transposes and plain matMuls (tfjs's matMul gradient asks wasm for transposeA/transposeB
  // products, see the matMul table below). Gradients are checked against the standard path.
  const denseT = tf.customGrad((xIn, wIn, save) => {
    const xt = xIn as tf.Tensor2D;
    const wt = wIn as tf.Tensor2D;
    (save as tf.GradSaveFunc)([xt, wt]);
    return {
      value: tf.matMul(xt, wt),
      gradFunc: (dy, saved) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const g = dy as tf.Tensor2D;
        // dx = dy W^T, dW = x^T dy, each as transpose + plain matMul.
        return [tf.matMul(g, tf.transpose(ws)), tf.matMul(tf.transpose(xs), g)];
      },
    };
  });
  const p = trainer.params;
  const lossWith = (mm: (a: tf.Tensor2D, b: tf.Tensor) => tf.Tensor2D, eps: tf.Tensor2D) => (): tf.Scalar => {
    const h = tf.relu(tf.add(mm(x, p.encW), p.encB)) as tf.Tensor2D;
    const mu = tf.add(mm(h, p.muW), p.muB) as tf.Tensor2D;
    const logVar = tf.add(mm(h, p.logVarW), p.logVarB) as tf.Tensor2D;
    const z = reparameterize(mu, logVar, eps);
    const hd = tf.relu(tf.add(mm(z, p.decW1), p.decB1)) as tf.Tensor2D;
    const logits = tf.add(mm(hd, p.decW2), p.decB2) as tf.Tensor2D;
    return vaeLoss(logits, x, mu, logVar, 1, 'bce', 'sum').loss;
  };
  const plainMm = (a: tf.Tensor2D, b: tf.Tensor): tf.Tensor2D => tf.matMul(a, b as tf.Tensor2D);
  const transposeFreeMm = (a: tf.Tensor2D, b: tf.Tensor): tf.Tensor2D => denseT(a, b) as tf.Tensor2D;
  const eps = tf.randomNormal([128, 2]) as tf.Tensor2D;
  const vars = paramList(trainer.params);
  const gradsOf = (mm: typeof plainMm) => tf.variableGrads(lossWith(mm, eps), vars);
  const ref = gradsOf(plainMm);
  const alt = gradsOf(transposeFreeMm);
  let maxRelDiff = 0;
  for (const v of vars) {
    const [d, n] = tf.tidy(() => [tf.max(tf.abs(tf.sub(ref.grads[v.name]!, alt.grads[v.name]!))), tf.max(tf.abs(ref.grads[v.name]!))]);
    maxRelDiff = Math.max(maxRelDiff, (await d!.data())[0]! / Math.max(1e-12, (await n!.data())[0]!));
    tf.dispose([d!, n!]);
  }
  tf.dispose([ref.value, alt.value, ...Object.values(ref.grads), ...Object.values(alt.grads)]);
  out.transposeFreeMaxRelGradDiff = maxRelDiff;
  phases.forwardBackwardTransposeFreeMs = await timeIt(async () => {
    const { value, grads } = gradsOf(transposeFreeMm);
    await value.data();
    value.dispose();
    tf.dispose(grads);
  });
  phases.stepTransposeFreeMs = await timeIt(async () => {
    const { value, grads } = gradsOf(transposeFreeMm);
    trainer.optimizer.apply(vars.map((v) => grads[v.name]!));
    await value.data();
    value.dispose();
    tf.dispose(grads);
  });
  eps.dispose();
  out.phases = phases;

  // 3. Kernels of one whole step (tf.profile times each kernel on wasm synchronously).
  const perKernel = new Map<string, { ms: number; count: number; shapes: Set<string> }>();
  const PROFILED = 10;
  let kernelCount = 0;
  for (let i = 0; i < PROFILED; i++) {
    const info = await tf.profile(async () => {
      const r = tf.tidy(() => trainer.trainStep(x, null, settings));
      await r.data();
      r.dispose();
    });
    kernelCount = info.kernels.length;
    for (const k of info.kernels) {
      const e = perKernel.get(k.name) ?? { ms: 0, count: 0, shapes: new Set<string>() };
      e.ms += Number(k.kernelTimeMs) / PROFILED;
      e.count += 1 / PROFILED;
      if (['_FusedMatMul', 'BatchMatMul', 'Transpose'].includes(k.name)) {
        e.shapes.add(k.inputShapes.map((s) => `[${s?.join(',')}]`).join('x'));
      }
      perKernel.set(k.name, e);
    }
  }
  const kernels = [...perKernel.entries()].map(([name, e]) => ({ name, msPerStep: +e.ms.toFixed(3), perStep: Math.round(e.count), shapes: [...e.shapes] }))
    .sort((a, b) => b.msPerStep - a.msPerStep);
  out.kernelsPerStep = kernelCount;
  out.kernels = kernels;

  // 4. Matmul throughput at the step's shapes (each is 2*128*784*512 = 103 MFLOP).
  const a = tf.randomNormal([128, 784]); const w = tf.randomNormal([784, 512]); const g = tf.randomNormal([128, 512]);
  const mm: Record<string, number> = {};
  const flop = 2 * 128 * 784 * 512;
  const gflops = (ms: number): number => +(flop / (ms / 1000) / 1e9).toFixed(2);
  for (const [name, fn] of [
    ['x·W (forward)', () => tf.matMul(a, w)],
    ['xᵀ·g (dW, transposeA)', () => tf.matMul(a, g, true, false)],
    ['g·Wᵀ (dx, transposeB)', () => tf.matMul(g, w, false, true)],
    ['transpose(x) then matMul', () => tf.tidy(() => tf.matMul(tf.transpose(a), g))],
  ] as const) {
    const ms = await timeIt(async () => { const r = fn(); await r.data(); r.dispose(); });
    mm[name] = gflops(ms);
    mm[`${name} ms`] = +ms.toFixed(2);
  }
  out.matmulGflops = mm;

  console.log('\nphases (median ms):', phases);
  console.log('transpose-free gradients vs tfjs matMul gradients, max relative difference:', maxRelDiff);
  console.log(`\nkernels per step: ${kernelCount}; per-kernel time (ms per step, mean of ${PROFILED} profiled steps):`);
  console.table(kernels.slice(0, 20).map((k) => ({ ...k, shapes: k.shapes.slice(0, 4).join('  ') })));
  console.log('\nmatMul at the step shapes (GFLOP/s, ms):', mm);
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/profile-step.json', JSON.stringify(out, null, 2));
  tf.dispose([x, testX, snapX, a, w, g, ...fakeGrads]);
  trainer.dispose();
});
