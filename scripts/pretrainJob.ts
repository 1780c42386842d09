import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Batcher, toFloats } from '../src/data/batcher';
import { encodeModelFile } from '../src/model/modelFile';
import { loadMnistFromPackage } from '../tests/helpers/mnistNode';
import { VaeTrainer } from '../src/model/trainer';
import type { ModelConfig, StepMetrics, TrainSettings } from '../src/model/types';

interface Result { file: string; label: string; bytes: Uint8Array; steps: number; testNelbo: number; conditional: boolean }

export async function runPretrain(opts: { steps: number; cvaeSteps: number; only?: string[]; log: (s: string) => void }): Promise<Result[]> {
  await tf.setBackend('wasm');
  await tf.ready();
  const data = loadMnistFromPackage();
  const test = toFloats(data.test, 1000);
  const testX = tf.tensor2d(test.x, [test.count, 784]);
  const testY = tf.tensor1d(test.labels, 'int32');
  const settings: TrainSettings = { learningRate: 1e-3, batchSize: 128, klWeight: 1 };
  // The autoencoder is the VAE's twin with beta = 0 (no KL term): same seed, steps and schedule,
  // so the essence page's interpolation figure compares the two objectives and nothing else.
  const allJobs: { file: string; label: string; conditional: boolean; steps: number; klWeight: number }[] = [
    { file: 'vae-latent2.vaelab', label: 'VAE, latent size 2', conditional: false, steps: opts.steps, klWeight: 1 },
    { file: 'cvae-latent2.vaelab', label: 'conditional VAE, latent size 2', conditional: true, steps: opts.cvaeSteps, klWeight: 1 },
    { file: 'ae-latent2.vaelab', label: 'autoencoder (beta = 0), latent size 2', conditional: false, steps: opts.steps, klWeight: 0 },
  ];
  const jobs = opts.only ? allJobs.filter((j) => opts.only?.includes(j.file)) : allJobs;
  const results: Result[] = [];
  for (const job of jobs) {
    if (job.steps <= 0) continue;
    const config: ModelConfig = { latentDim: 2, hiddenDim: 512, conditional: job.conditional, reconLoss: 'bce', reconReduction: 'sum', seed: 1 };
    const jobSettings: TrainSettings = { ...settings, klWeight: job.klWeight };
    const trainer = new VaeTrainer(config, jobSettings);
    const batcher = new Batcher(data.train, config.seed);
    const history: StepMetrics[] = [];
    const t0 = Date.now();
    let testNelbo = NaN;
    for (let step = 1; step <= job.steps; step++) {
      const batch = batcher.next(settings.batchSize);
      const x = tf.tensor2d(batch.x, [batch.size, 784]);
      const y = job.conditional ? tf.tensor1d(batch.labels, 'int32') : null;
      const readout = trainer.trainStep(x, y, jobSettings);
      x.dispose();
      y?.dispose();
      if (step % 50 === 0 || step === job.steps) {
        const r = await VaeTrainer.read(readout);
        testNelbo = await trainer.evaluateNelbo(testX, job.conditional ? testY : null);
        history.push({
          step, epoch: batcher.epochProgress, seconds: (Date.now() - t0) / 1000, samplesPerSec: (step * 128) / ((Date.now() - t0) / 1000),
          loss: r.loss, recon: r.recon, kl: r.kl, klPerDim: r.klPerDim, meanSigma: r.meanSigma, testNelbo,
        });
        if (step % 500 === 0) opts.log(`${job.file}: step ${step}, held-out -ELBO ${testNelbo.toFixed(1)} nats`);
      }
      readout.dispose();
    }
    const state = await trainer.exportState();
    const bytes = encodeModelFile({
      config, settings: jobSettings, step: state.step, params: state.params, history,
      source: `pretrained ${job.label} (npm run pretrain, seed 1, ${job.steps} steps)`, savedAt: new Date().toISOString(),
    }, 'uint8');
    results.push({ file: job.file, label: job.label, bytes, steps: job.steps, testNelbo, conditional: job.conditional });
    trainer.dispose();
  }
  testX.dispose();
  testY.dispose();
  return results;
}
