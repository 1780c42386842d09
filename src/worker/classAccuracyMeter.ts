import * as tf from '@tensorflow/tfjs';
import { toFloats } from '../data/batcher';
import type { Mnist, MnistSplit } from '../data/mnistLoader';
import { DigitClassifier } from '../model/classifier';
import {
  ACCURACY_CHUNK, emptyTally, SAMPLES_PER_CLASS, tallyAccuracy, tallyPriorSamples, type ClassTally,
} from '../model/sampleAccuracy';
import type { VaeTrainer } from '../model/trainer';
import { NUM_CLASSES } from '../shared/types';
import type { FromWorker } from './protocol';

/** How often a training run re-measures its samples: 1,000 decodes cost ~3 training steps. */
export const ACCURACY_EVERY_MS = 3000;
const SAMPLES = SAMPLES_PER_CLASS * NUM_CLASSES;

/**
 * Scores a conditional model's prior samples with a digit classifier the worker trains itself,
 * once per worker, from the training digits it already holds. The 1,000 samples go in chunks of
 * ~one training step each, between steps, so a measurement never stalls training for longer.
 */
export class ClassAccuracyMeter {
  private classifier: DigitClassifier | null = null;
  private preparing = false;
  private lastMeasuredAt = -Infinity;
  private job: { trainer: VaeTrainer; step: number; next: number; done: number; tally: ClassTally } | null = null;

  constructor(
    private readonly post: (msg: FromWorker) => void,
    /** Lets messages and the training loop in between chunks. */
    private readonly pause: () => Promise<void>,
    /** The model being trained now (a reset or load replaces it). */
    private readonly current: () => VaeTrainer | null,
  ) {}

  /** Trains the classifier in the background, yielding after every step; then measures. */
  prepareClassifier(mnist: Mnist): void {
    if (this.classifier || this.preparing) return;
    this.preparing = true;
    this.post({ type: 'classifier', state: 'training' });
    const classifier = new DigitClassifier();
    void (async () => {
      try {
        await classifier.train(mnist.train, this.pause);
        const testAccuracy = await heldOutAccuracy(classifier, mnist.test, this.pause);
        this.classifier = classifier;
        this.post({ type: 'classifier', state: 'ready', testAccuracy });
        const trainer = this.current();
        if (trainer) await this.measureNow(trainer);
      } catch (err) {
        classifier.dispose();
        this.post({ type: 'notice', message: `The digit classifier that scores samples could not be trained: ${(err as Error).message}` });
      } finally {
        this.preparing = false;
      }
    })();
  }

  /** Between training steps: one chunk of a measurement when one is due. */
  async whileTraining(trainer: VaeTrainer): Promise<void> {
    if (!this.classifier || !trainer.config.conditional) return;
    if (!this.job && performance.now() - this.lastMeasuredAt < ACCURACY_EVERY_MS) return;
    await this.advance(trainer);
  }

  /** A full measurement now (after a load, reset or pause), chunk by chunk. */
  async measureNow(trainer: VaeTrainer): Promise<void> {
    if (!this.classifier || !trainer.config.conditional) return;
    this.job = null;
    while (this.current() === trainer && (await this.advance(trainer)) === 'more') await this.pause();
  }

  private async advance(trainer: VaeTrainer): Promise<'more' | 'finished'> {
    const classifier = this.classifier;
    if (!classifier) return 'finished';
    if (!this.job || this.job.trainer !== trainer) {
      this.job = { trainer, step: trainer.step, next: 0, done: 0, tally: emptyTally() };
    }
    const job = this.job;
    if (job.next >= SAMPLES) return 'more'; // every chunk claimed; another caller finishes it
    const start = job.next;
    const size = Math.min(ACCURACY_CHUNK, SAMPLES - start);
    job.next += size;
    await tallyPriorSamples(trainer.params, trainer.config.latentDim, classifier, start, size, job.tally);
    job.done += size;
    if (job.done < SAMPLES) return 'more';
    if (this.job === job) this.job = null;
    this.lastMeasuredAt = performance.now();
    if (this.current() === trainer) {
      const perClass = job.tally.correct.map((c, i) => c / (job.tally.total[i] || 1));
      this.post({ type: 'class-accuracy', step: job.step, accuracy: tallyAccuracy(job.tally), perClass });
    }
    return 'finished';
  }
}

/** The classifier's accuracy on every test digit (it never trained on them), 1,000 at a time. */
async function heldOutAccuracy(classifier: DigitClassifier, test: MnistSplit, pause: () => Promise<void>): Promise<number> {
  const all = toFloats(test, test.count);
  let correct = 0;
  for (let start = 0; start < all.count; start += 1000) {
    const size = Math.min(1000, all.count - start);
    const x = tf.tensor2d(all.x.subarray(start * 784, (start + size) * 784), [size, 784]);
    const y = tf.tensor1d(all.labels.subarray(start, start + size), 'int32');
    correct += (await classifier.accuracy(x, y)) * size;
    x.dispose();
    y.dispose();
    await pause();
  }
  return correct / all.count;
}
