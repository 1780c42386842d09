import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { Batcher } from '../src/data/batcher';
import { decodeModelFile } from '../src/model/modelFile';
import { VaeTrainer } from '../src/model/trainer';
import { loadMnistFromPackage } from '../tests/helpers/mnistNode';
import { defaultTrainSettings } from '../src/settings/schema';

export interface CollapseRun { beta: number; learningRate: number; stepsToCollapse: number | null; secondsToCollapse: number | null; maxKlAfter: number; finalKl: number }

/**
 * From the shipped pretrained VAE, trains at one beta and reports when the batch KL (the number
 * the panel's `metric-kl` shows) first falls under `thresholdNats` and the largest KL seen after.
 */
export async function runCollapse(opts: { file: string; betas: number[]; learningRates: number[]; steps: number; thresholdNats: number; log: (s: string) => void }): Promise<CollapseRun[]> {
  await tf.setBackend('wasm');
  await tf.ready();
  const data = loadMnistFromPackage();
  const saved = decodeModelFile(new Uint8Array(readFileSync(opts.file)));
  const out: CollapseRun[] = [];
  for (const learningRate of opts.learningRates) {
    for (const beta of opts.betas) {
      const settings = { ...defaultTrainSettings(), learningRate, batchSize: 128, klWeight: beta };
      const trainer = new VaeTrainer(saved.config, settings);
      trainer.importState({ params: saved.params });
      const batcher = new Batcher(data.train, 7);
      const t0 = performance.now();
      let stepsToCollapse: number | null = null;
      let secondsToCollapse: number | null = null;
      let maxKlAfter = 0;
      let finalKl = NaN;
      for (let step = 1; step <= opts.steps; step++) {
        const b = batcher.next(128);
        const x = tf.tensor2d(b.x, [b.size, 784]);
        const readout = trainer.trainStep(x, null, settings);
        x.dispose();
        const r = await VaeTrainer.read(readout);
        readout.dispose();
        finalKl = r.kl;
        if (stepsToCollapse === null && r.kl < opts.thresholdNats) {
          stepsToCollapse = step;
          secondsToCollapse = (performance.now() - t0) / 1000;
        } else if (stepsToCollapse !== null) {
          maxKlAfter = Math.max(maxKlAfter, r.kl);
        }
        if (step % 50 === 0 || step <= 40) opts.log(`lr ${learningRate} beta ${beta} step ${step}: KL ${r.kl.toFixed(3)} recon ${r.recon.toFixed(1)}`);
      }
      const run = { beta, learningRate, stepsToCollapse, secondsToCollapse, maxKlAfter, finalKl };
      opts.log(JSON.stringify(run));
      out.push(run);
      trainer.dispose();
    }
  }
  return out;
}
