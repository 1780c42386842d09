import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Batcher, toFloats } from '../src/data/batcher';
import { decodeModelFile, encodeModelFile } from '../src/model/modelFile';
import { loadMnistFromPackage } from '../tests/helpers/mnistNode';
import { VaeTrainer } from '../src/model/trainer';
import type { CvaeKind, ModelConfig, StepMetrics, TrainSettings } from '../src/shared/types';
import { DigitClassifier } from '../src/model/classifier';
import { priorSampleAccuracy } from '../src/model/sampleAccuracy';
import { defaultTrainSettings } from '../src/settings/schema';

interface Result {
  file: string; label: string; bytes: Uint8Array; steps: number; testNelbo: number; conditional: boolean;
  kind?: CvaeKind;
  /** Conditional models: the classifier's accuracy on 1,000 prior samples of the quantized file's weights' source. */
  sampleAccuracy?: number;
}

/**
 * Steps for the shipped VAE (and any model meant to be compared with it step for step). Long
 * enough that "skip ahead" lands clearly beyond what a reader reaches in a few minutes live
 * (152-155 nats after ~60 s). Measured with this script at lr 1e-2 before any decay: held-out
 * -ELBO 158.9, 155.9 and 154.1 nats after 1,000, 2,000 and 3,000 steps, about 1.7 nats per
 * doubling; 30,000 steps (~15 min on a free core at ~30 ms/step) aims below 150.
 */
export const PRETRAIN_STEPS = 30000;
/** The app's default learning rate, held for most of the run ... */
const PEAK_LR = 1e-2;
/** ... then lowered geometrically to this over the last DECAY_FRACTION of the steps. */
const FINAL_LR = 1e-3;
const DECAY_FRACTION = 0.3;
/** The committed files were trained with Adam's usual 0.999 (before the app moved to 0.99); kept so they rebuild as they are. */
const PRETRAIN_ADAM_BETA2 = 0.999;

export function pretrainLearningRate(step: number, total: number): number {
  const decayStart = Math.floor(total * (1 - DECAY_FRACTION));
  if (step <= decayStart) return PEAK_LR;
  const t = (step - decayStart) / Math.max(1, total - decayStart);
  return PEAK_LR * (FINAL_LR / PEAK_LR) ** t;
}

/** uint8 for every tensor but the decoder's output weights: see encodeModelFile. */
export const shippedEncoding = (name: string): 'uint8' | 'float32' => (name === 'decW2' ? 'float32' : 'uint8');

/** Held-out -ELBO of the weights after uint8 quantization: what the app will load and show. */
async function quantizedNelbo(bytes: Uint8Array, testX: tf.Tensor2D, testY: tf.Tensor1D | null): Promise<number> {
  const model = decodeModelFile(bytes);
  const trainer = new VaeTrainer(model.config, model.settings);
  trainer.importState({ params: model.params });
  const nelbo = await trainer.evaluateNelbo(testX, testY);
  trainer.dispose();
  return nelbo;
}

export async function runPretrain(opts: { steps?: number; cvaeSteps: number; only?: string[]; log: (s: string) => void }): Promise<Result[]> {
  await tf.setBackend('wasm');
  await tf.ready();
  const data = loadMnistFromPackage();
  const test = toFloats(data.test, 1000);
  const testX = tf.tensor2d(test.x, [test.count, 784]);
  const testY = tf.tensor1d(test.labels, 'int32');
  const steps = opts.steps ?? PRETRAIN_STEPS;
  // Saved in the file for the record; loading a model does not change the reader's settings.
  const settings: TrainSettings = { ...defaultTrainSettings(), learningRate: PEAK_LR, batchSize: 128, klWeight: 1 };
  // The autoencoder is the VAE's twin with beta = 0 (no KL term): same seed, steps and schedule,
  // so the essence page's interpolation figure compares the two objectives and nothing else.
  const allJobs: { file: string; label: string; conditional: boolean; kind?: CvaeKind; steps: number; schedule: boolean; klWeight: number }[] = [
    { file: 'vae-latent2.vaelab', label: 'VAE, latent size 2', conditional: false, steps, schedule: true, klWeight: 1 },
    { file: 'cvae-latent2.vaelab', label: 'conditional VAE (the essay\'s: a prior mean per class), latent size 2', conditional: true, kind: 'essay', steps: opts.cvaeSteps, schedule: false, klWeight: 1 },
    { file: 'cvae-standard-latent2.vaelab', label: 'standard conditional VAE (label into encoder and decoder), latent size 2', conditional: true, kind: 'standard', steps: opts.cvaeSteps, schedule: false, klWeight: 1 },
    { file: 'ae-latent2.vaelab', label: 'autoencoder (beta = 0), latent size 2', conditional: false, steps, schedule: true, klWeight: 0 },
  ];
  const jobs = opts.only ? allJobs.filter((j) => opts.only?.includes(j.file)) : allJobs;
  const results: Result[] = [];
  let classifier: DigitClassifier | null = null;
  for (const job of jobs) {
    if (job.steps <= 0) continue;
    const config: ModelConfig = { latentDim: 2, hiddenDim: 512, conditional: job.conditional, kind: job.kind, seed: 1 };
    const jobSettings: TrainSettings = { ...settings, klWeight: job.klWeight, learningRate: job.schedule ? PEAK_LR : 1e-3 };
    const trainer = new VaeTrainer(config, jobSettings, { adamBeta2: PRETRAIN_ADAM_BETA2 });
    const batcher = new Batcher(data.train, config.seed);
    const history: StepMetrics[] = [];
    const t0 = Date.now();
    let testNelbo = NaN;
    for (let step = 1; step <= job.steps; step++) {
      const batch = batcher.next(settings.batchSize);
      const x = tf.tensor2d(batch.x, [batch.size, 784]);
      const y = job.conditional ? tf.tensor1d(batch.labels, 'int32') : null;
      const stepSettings = job.schedule ? { ...jobSettings, learningRate: pretrainLearningRate(step, job.steps) } : jobSettings;
      const readout = trainer.trainStep(x, y, stepSettings);
      x.dispose();
      y?.dispose();
      if (step % 200 === 0 || step === job.steps) {
        const r = await VaeTrainer.read(readout);
        testNelbo = await trainer.evaluateNelbo(testX, job.conditional ? testY : null);
        const seconds = (Date.now() - t0) / 1000;
        history.push({
          step, epoch: batcher.epochProgress, seconds, samplesPerSec: (step * 128) / seconds,
          loss: r.loss, recon: r.recon, kl: r.kl, klPerDim: r.klPerDim, meanSigma: r.meanSigma, testNelbo,
        });
        if (step % 500 === 0) {
          opts.log(`${job.file}: step ${step}, lr ${stepSettings.learningRate.toExponential(2)}, held-out -ELBO ${testNelbo.toFixed(2)} nats, ${seconds.toFixed(0)} s`);
        }
      }
      readout.dispose();
    }
    const state = await trainer.exportState();
    const bytes = encodeModelFile({
      config, settings: jobSettings, step: state.step, params: state.params, history,
      source: `${job.label}, trained in advance for ${job.steps.toLocaleString('en-US')} steps`, savedAt: new Date().toISOString(),
    }, shippedEncoding);
    const quantized = await quantizedNelbo(bytes, testX, job.conditional ? testY : null);
    opts.log(`${job.file}: float weights ${testNelbo.toFixed(2)} nats, uint8 file ${quantized.toFixed(2)} nats`);
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
    results.push({ file: job.file, label: job.label, bytes, steps: job.steps, testNelbo: quantized, conditional: job.conditional, kind: job.kind, sampleAccuracy });
    trainer.dispose();
  }
  classifier?.dispose();
  testX.dispose();
  testY.dispose();
  return results;
}

/**
 * Trains a shipped file on for `steps` more steps, the learning rate falling geometrically from
 * FINAL_LR to FINAL_LR / 10, and rewrites it with `shippedEncoding`. Used once, for the committed
 * VAE and AE: their 30,000-step runs were written all-uint8, which cost the VAE 5 nats, and a
 * second 80-minute run did not fit; the extra steps recover what quantization took.
 */
export async function continueShipped(opts: { file: string; bytes: Uint8Array; steps: number; log: (s: string) => void }): Promise<{ bytes: Uint8Array; testNelbo: number; steps: number }> {
  await tf.setBackend('wasm');
  await tf.ready();
  const data = loadMnistFromPackage();
  const test = toFloats(data.test, 1000);
  const testX = tf.tensor2d(test.x, [test.count, 784]);
  const model = decodeModelFile(opts.bytes);
  if (model.config.conditional) throw new Error('continueShipped is for the unconditional files');
  const trainer = new VaeTrainer(model.config, model.settings, { adamBeta2: PRETRAIN_ADAM_BETA2 });
  trainer.importState({ params: model.params, step: model.step });
  opts.log(`${opts.file}: loaded at step ${model.step}, held-out -ELBO ${(await trainer.evaluateNelbo(testX, null)).toFixed(2)} nats`);
  const batcher = new Batcher(data.train, model.config.seed + model.step);
  const history = [...(model.history ?? [])];
  const t0 = Date.now();
  let testNelbo = NaN;
  for (let i = 1; i <= opts.steps; i++) {
    const batch = batcher.next(128);
    const x = tf.tensor2d(batch.x, [batch.size, 784]);
    const learningRate = FINAL_LR * 0.1 ** (i / opts.steps);
    const readout = trainer.trainStep(x, null, { ...model.settings, learningRate });
    x.dispose();
    if (i % 200 === 0 || i === opts.steps) {
      const r = await VaeTrainer.read(readout);
      testNelbo = await trainer.evaluateNelbo(testX, null);
      const seconds = (Date.now() - t0) / 1000;
      history.push({ step: trainer.step, epoch: batcher.epochProgress, seconds, samplesPerSec: (i * 128) / seconds, loss: r.loss, recon: r.recon, kl: r.kl, klPerDim: r.klPerDim, meanSigma: r.meanSigma, testNelbo });
      opts.log(`${opts.file}: step ${trainer.step}, lr ${learningRate.toExponential(2)}, held-out -ELBO ${testNelbo.toFixed(2)} nats`);
    }
    readout.dispose();
  }
  const state = await trainer.exportState();
  const label = model.source.replace(/, trained in advance for [\d,]+ steps$/, '');
  const bytes = encodeModelFile({ ...model, step: state.step, params: state.params, optimizer: undefined, history,
    source: `${label}, trained in advance for ${state.step.toLocaleString('en-US')} steps`, savedAt: new Date().toISOString() }, shippedEncoding);
  const quantized = await quantizedNelbo(bytes, testX, null);
  opts.log(`${opts.file}: float weights ${testNelbo.toFixed(2)} nats, file ${quantized.toFixed(2)} nats`);
  trainer.dispose();
  testX.dispose();
  return { bytes, testNelbo: quantized, steps: state.step };
}
