import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Batcher, toFloats } from '../src/data/batcher';
import { VaeTrainer } from '../src/model/trainer';
import type { ModelConfig, TrainSettings } from '../src/shared/types';
import { defaultTrainSettings } from '../src/settings/schema';
import { loadMnistFromPackage } from '../tests/helpers/mnistNode';

/** What a schedule sets for the next step, from the training samples seen so far. */
export interface StepPlan { learningRate: number; batchSize: number }

export interface Schedule {
  name: string;
  plan: (samplesSeen: number, step: number) => StepPlan;
  /** Adam's beta2 where it is not 0.999 (the app's trainer moved to 0.99 after this sweep). */
  beta2?: number;
}

const APP_LR = 1e-2;
const geometric = (from: number, to: number, t: number): number => from * (to / from) ** Math.min(1, Math.max(0, t));

/**
 * The schedules issue 13 asks to try against the app's constant 1e-2 at batch 128. Each is a
 * function of samples seen, so a batch-size ramp and a learning-rate change compare on one axis.
 */
export const SCHEDULES: Schedule[] = [
  { name: 'lr 1e-2, batch 128 (the app before this sweep)', plan: () => ({ learningRate: APP_LR, batchSize: 128 }) },
  { name: 'warm-up to 2e-2 over 100 steps', plan: (_, step) => ({ learningRate: geometric(1e-3, 2e-2, step / 100), batchSize: 128 }) },
  { name: 'warm-up to 3e-2 over 200 steps', plan: (_, step) => ({ learningRate: geometric(1e-3, 3e-2, step / 200), batchSize: 128 }) },
  { name: 'Adam beta2 0.99', plan: () => ({ learningRate: APP_LR, batchSize: 128 }), beta2: 0.99 },
  { name: 'batch 32 to 20k samples, 64 to 60k, then 128', plan: (s) => ({ learningRate: APP_LR, batchSize: s < 20000 ? 32 : s < 60000 ? 64 : 128 }) },
  { name: 'decay 1e-2 to 3e-3 over 50k-300k samples', plan: (s) => ({ learningRate: geometric(APP_LR, 3e-3, (s - 50000) / 250000), batchSize: 128 }) },
  // Combinations of what the single changes above gained.
  { name: 'Adam beta2 0.99 + batch 32 to 20k samples, 64 to 60k, then 128', plan: (s) => ({ learningRate: APP_LR, batchSize: s < 20000 ? 32 : s < 60000 ? 64 : 128 }), beta2: 0.99 },
  { name: 'Adam beta2 0.99 + decay 1e-2 to 3e-3 over 50k-300k samples', plan: (s) => ({ learningRate: geometric(APP_LR, 3e-3, (s - 50000) / 250000), batchSize: 128 }), beta2: 0.99 },
];

export interface SweepRun {
  schedule: string; seed: number;
  samplesTo165: number | null; samplesTo155: number | null;
  stepsTo165: number | null; stepsTo155: number | null;
  /** Training wall time only (evaluations excluded); noisy on a shared machine. */
  trainSecondsTo165: number | null; trainSecondsTo155: number | null;
  finalNelbo: number; samples: number;
}

/**
 * Trains the default model (784-512-2, grey, BCE summed, beta 1) from seed `seed` under one
 * schedule with the app's own trainer on tfjs-wasm, and records the training samples (and
 * steps, and training seconds) at which the held-out -ELBO on the first 1,000 test digits first
 * falls under 165 and 155 nats, evaluated every `evalEverySamples` samples.
 */
export async function runSweep(opts: { schedules: Schedule[]; seeds: number[]; capSamples: number; evalEverySamples: number; log: (s: string) => void }): Promise<SweepRun[]> {
  await tf.setBackend('wasm');
  await tf.ready();
  const data = loadMnistFromPackage();
  const test = toFloats(data.test, 1000);
  const testX = tf.tensor2d(test.x, [test.count, 784]);
  const runs: SweepRun[] = [];
  for (const schedule of opts.schedules) {
    for (const seed of opts.seeds) {
      const config: ModelConfig = { latentDim: 2, hiddenDim: 512, conditional: false, seed };
      const base: TrainSettings = { ...defaultTrainSettings() };
      const trainer = new VaeTrainer(config, base, { adamBeta2: schedule.beta2 ?? 0.999 });
      const batcher = new Batcher(data.train, seed);
      const run: SweepRun = { schedule: schedule.name, seed, samplesTo165: null, samplesTo155: null, stepsTo165: null, stepsTo155: null, trainSecondsTo165: null, trainSecondsTo155: null, finalNelbo: NaN, samples: 0 };
      let samples = 0;
      let step = 0;
      let nextEval = opts.evalEverySamples;
      let trainMs = 0;
      while (samples < opts.capSamples && run.samplesTo155 === null) {
        const { learningRate, batchSize } = schedule.plan(samples, step);
        const t0 = performance.now();
        const batch = batcher.next(batchSize);
        const x = tf.tensor2d(batch.x, [batch.size, 784]);
        const readout = trainer.trainStep(x, null, { ...base, learningRate, batchSize });
        await readout.data(); // the step's time includes its work, not just its dispatch
        x.dispose();
        readout.dispose();
        trainMs += performance.now() - t0;
        samples += batch.size;
        step += 1;
        if (samples >= nextEval) {
          nextEval += opts.evalEverySamples;
          const nelbo = await trainer.evaluateNelbo(testX, null);
          run.finalNelbo = nelbo;
          if (!Number.isFinite(nelbo)) break;
          if (nelbo < 165 && run.samplesTo165 === null) Object.assign(run, { samplesTo165: samples, stepsTo165: step, trainSecondsTo165: trainMs / 1000 });
          if (nelbo < 155 && run.samplesTo155 === null) Object.assign(run, { samplesTo155: samples, stepsTo155: step, trainSecondsTo155: trainMs / 1000 });
        }
      }
      run.samples = samples;
      trainer.dispose();
      opts.log(JSON.stringify(run));
      runs.push(run);
    }
  }
  testX.dispose();
  return runs;
}
