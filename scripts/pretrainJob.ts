import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Batcher, toFloats } from '../src/data/batcher';
import { encodeModelFile } from '../src/model/modelFile';
import { loadMnistFromPackage } from '../tests/helpers/mnistNode';
import { VaeTrainer } from '../src/model/trainer';
import type { CvaeKind, ModelConfig, StepMetrics, TrainSettings } from '../src/model/types';
import { DigitClassifier } from '../src/model/classifier';
import { priorSampleAccuracy } from '../src/model/sampleAccuracy';

interface Result {
  file: string; label: string; bytes: Uint8Array; steps: number; testNelbo: number; conditional: boolean;
  kind?: CvaeKind;
  /** Conditional models: the classifier's accuracy on 1,000 prior samples of the quantized file's weights' source. */
  sampleAccuracy?: number;
}

export async function runPretrain(opts: { steps: number; cvaeSteps: number; only?: string; log: (s: string) => void }): Promise<Result[]> {
  await tf.setBackend('wasm');
  await tf.ready();
  const data = loadMnistFromPackage();
  const test = toFloats(data.test, 1000);
  const testX = tf.tensor2d(test.x, [test.count, 784]);
  const testY = tf.tensor1d(test.labels, 'int32');
  const settings: TrainSettings = { learningRate: 1e-3, batchSize: 128, klWeight: 1 };
  const jobs: { file: string; label: string; conditional: boolean; kind?: CvaeKind; steps: number }[] = [
    { file: 'vae-latent2.vaelab', label: 'VAE, latent size 2', conditional: false, steps: opts.steps },
    { file: 'cvae-latent2.vaelab', label: 'conditional VAE (the essay\'s: a prior mean per class), latent size 2', conditional: true, kind: 'essay', steps: opts.cvaeSteps },
    { file: 'cvae-standard-latent2.vaelab', label: 'standard conditional VAE (label into encoder and decoder), latent size 2', conditional: true, kind: 'standard', steps: opts.cvaeSteps },
  ];
  const results: Result[] = [];
  let classifier: DigitClassifier | null = null;
  for (const job of jobs) {
    if (job.steps <= 0 || (opts.only && !job.file.includes(opts.only))) continue;
    const config: ModelConfig = { latentDim: 2, hiddenDim: 512, conditional: job.conditional, kind: job.kind, reconLoss: 'bce', reconReduction: 'sum', seed: 1 };
    const trainer = new VaeTrainer(config, settings);
    const batcher = new Batcher(data.train, config.seed);
    const history: StepMetrics[] = [];
    const t0 = Date.now();
    let testNelbo = NaN;
    for (let step = 1; step <= job.steps; step++) {
      const batch = batcher.next(settings.batchSize);
      const x = tf.tensor2d(batch.x, [batch.size, 784]);
      const y = job.conditional ? tf.tensor1d(batch.labels, 'int32') : null;
      const readout = trainer.trainStep(x, y, settings);
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
      config, settings, step: state.step, params: state.params, history,
      source: `pretrained ${job.label} (npm run pretrain, seed 1, ${job.steps} steps)`, savedAt: new Date().toISOString(),
    }, 'uint8');
    let sampleAccuracy: number | undefined;
    if (job.conditional) {
      if (!classifier) {
        classifier = new DigitClassifier();
        await classifier.train(data.train);
        const allTest = toFloats(data.test, 10000);
        const tx = tf.tensor2d(allTest.x, [allTest.count, 784]);
        const ty = tf.tensor1d(allTest.labels, 'int32');
        opts.log(`classifier: ${(100 * await classifier.accuracy(tx, ty)).toFixed(2)}% on the 10,000 test digits`);
        tx.dispose();
        ty.dispose();
      }
      sampleAccuracy = (await priorSampleAccuracy(trainer.params, config.latentDim, classifier)).accuracy;
      opts.log(`${job.file}: class accuracy of 1,000 prior samples ${(100 * sampleAccuracy).toFixed(1)}% (float32 weights)`);
    }
    results.push({ file: job.file, label: job.label, bytes, steps: job.steps, testNelbo, conditional: job.conditional, kind: job.kind, sampleAccuracy });
    trainer.dispose();
  }
  classifier?.dispose();
  testX.dispose();
  testY.dispose();
  return results;
}
