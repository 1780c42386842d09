import { PIXELS, NUM_CLASSES } from '../../shared/types';
import type { TestSet } from '../../state/labState';

/** Test digit i as 784 intensities in [0, 1] (the set stores bytes 0..255). */
export function testDigit(testSet: TestSet, index: number): Float32Array {
  const bytes = testSet.images.subarray(index * PIXELS, (index + 1) * PIXELS);
  return Float32Array.from(bytes, (v) => v / 255);
}

/**
 * `count` test indices cycling through the classes 0, 1, ..., 9, 0, 1, ...: a strip of
 * originals then shows every digit once instead of whatever the first ten happen to be.
 */
export function indicesByClass(labels: ArrayLike<number>, count: number): number[] {
  const byClass: number[][] = Array.from({ length: NUM_CLASSES }, () => []);
  const perClass = Math.ceil(count / NUM_CLASSES);
  for (let i = 0; i < labels.length; i++) {
    const list = byClass[labels[i] ?? -1];
    if (list && list.length < perClass) list.push(i);
  }
  const out: number[] = [];
  for (let round = 0; out.length < count && round < perClass; round++) {
    for (let c = 0; c < NUM_CLASSES && out.length < count; c++) {
      const i = byClass[c]?.[round];
      if (i !== undefined) out.push(i);
    }
  }
  return out;
}

/** The first test index of each class, or -1 where the set has none. */
export function firstOfEachClass(labels: ArrayLike<number>): number[] {
  const first = new Array<number>(NUM_CLASSES).fill(-1);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] ?? -1;
    if (c >= 0 && c < NUM_CLASSES && first[c] === -1) first[c] = i;
  }
  return first;
}

/** Row `digit` of the CVAE's 10 x latentDim class means, or null for a plain VAE. */
export function classMean(classMeans: Float32Array | null, digit: number): Float32Array | null {
  if (!classMeans) return null;
  const d = classMeans.length / NUM_CLASSES;
  return classMeans.subarray(digit * d, (digit + 1) * d);
}
