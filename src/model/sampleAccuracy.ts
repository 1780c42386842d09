import * as tf from '@tensorflow/tfjs';
import type { DigitClassifier } from './classifier';
import { decode, type VaeParams } from './vae';
import { NUM_CLASSES } from '../shared/types';

/** 1,000 prior samples, 100 per class, as the target is measured. */
export const SAMPLES_PER_CLASS = 100;
/** Samples decoded and classified in one go: about one training step's work on wasm. */
export const ACCURACY_CHUNK = 250;
const NOISE_SEED = 4242;

/** Correct samples per class, summed over chunks. */
export interface ClassTally {
  correct: number[];
  total: number[];
}

export function emptyTally(): ClassTally {
  return { correct: new Array<number>(NUM_CLASSES).fill(0), total: new Array<number>(NUM_CLASSES).fill(0) };
}

export function tallyAccuracy(t: ClassTally): number {
  const total = t.total.reduce((a, b) => a + b, 0);
  return total > 0 ? t.correct.reduce((a, b) => a + b, 0) / total : NaN;
}

/**
 * Samples [start, start + size) of the conditional prior, sample i of class i mod 10:
 * essay's CVAE z ~ N(mu^y, I) decoded by the label-blind decoder; standard CVAE z ~ N(0, I)
 * decoded with y. Each sample is the decoder's mean image, scored by the classifier. The
 * noise is seeded per sample range, so two measurements differ only because the model did.
 */
export async function tallyPriorSamples(
  params: VaeParams, latentDim: number, classifier: DigitClassifier, start: number, size: number, into: ClassTally,
): Promise<void> {
  const result = tf.tidy(() => {
    const labels = tf.tensor1d(Array.from({ length: size }, (_, i) => (start + i) % NUM_CLASSES), 'int32');
    const eps = tf.randomNormal([size, latentDim], 0, 1, 'float32', NOISE_SEED + start) as tf.Tensor2D;
    const z = params.classMeans
      ? (tf.add(eps, tf.matMul(tf.oneHot(labels, NUM_CLASSES).toFloat(), params.classMeans)) as tf.Tensor2D)
      : eps;
    const images = decode(params, z, params.decLabelW ? labels : null);
    return tf.stack([labels, tf.equal(classifier.predict(images), labels).toInt()]);
  });
  const values = await result.data();
  result.dispose();
  for (let i = 0; i < size; i++) {
    const y = values[i] ?? 0;
    into.total[y] = (into.total[y] ?? 0) + 1;
    into.correct[y] = (into.correct[y] ?? 0) + (values[size + i] ?? 0);
  }
}

/** All 1,000 samples at once (tests and the pretrain script; the worker goes chunk by chunk). */
export async function priorSampleAccuracy(params: VaeParams, latentDim: number, classifier: DigitClassifier): Promise<{ accuracy: number; tally: ClassTally }> {
  const tally = emptyTally();
  const n = SAMPLES_PER_CLASS * NUM_CLASSES;
  for (let start = 0; start < n; start += ACCURACY_CHUNK) {
    await tallyPriorSamples(params, latentDim, classifier, start, Math.min(ACCURACY_CHUNK, n - start), tally);
  }
  return { accuracy: tallyAccuracy(tally), tally };
}
