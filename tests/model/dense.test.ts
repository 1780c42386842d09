import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { dense, denseOnData } from '../../src/model/vae';

beforeAll(useWasmBackend);

describe('dense layer with hand-written gradient', () => {
  it('matches tfjs\'s own matMul gradient for x, W and b', async () => {
    const x = tf.randomNormal([5, 7], 0, 1, 'float32', 1) as tf.Tensor2D;
    const w = tf.randomNormal([7, 3], 0, 1, 'float32', 2);
    const b = tf.randomNormal([3], 0, 1, 'float32', 3);
    const target = tf.randomNormal([5, 3], 0, 1, 'float32', 4);
    const loss = (f: (x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor) => tf.Tensor) =>
      (xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.square(tf.sub(tf.sin(f(xi as tf.Tensor2D, wi, bi)), target)));
    const ours = tf.grads(loss(dense))([x, w, b]);
    const theirs = tf.grads(loss((xi, wi, bi) => tf.add(tf.matMul(xi, wi as tf.Tensor2D), bi)))([x, w, b]);
    for (let i = 0; i < 3; i++) {
      const a = await ours[i]!.data();
      const e = await theirs[i]!.data();
      expect(a.length).toBe(e.length);
      for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(e[k]!, 4);
    }
    expect(Array.from(await dense(x, w, b).data())).toEqual(Array.from(await tf.add(tf.matMul(x, w as tf.Tensor2D), b).data()));
  });

  it('on data: the same value and the same W and b gradients, with x held fixed', async () => {
    const x = tf.randomNormal([6, 4], 0, 1, 'float32', 5) as tf.Tensor2D;
    const w = tf.randomNormal([4, 3], 0, 1, 'float32', 6);
    const b = tf.randomNormal([3], 0, 1, 'float32', 7);
    const loss = (f: (x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor) => tf.Tensor) =>
      (wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.exp(tf.mul(f(x, wi, bi), 0.3)));
    const ours = tf.grads(loss(denseOnData))([w, b]);
    const theirs = tf.grads(loss((xi, wi, bi) => tf.add(tf.matMul(xi, wi as tf.Tensor2D), bi)))([w, b]);
    for (let i = 0; i < 2; i++) {
      const a = await ours[i]!.data();
      const e = await theirs[i]!.data();
      expect(a.length).toBe(e.length);
      for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(e[k]!, 4);
    }
    expect(Array.from(await denseOnData(x, w, b).data())).toEqual(Array.from(await dense(x, w, b).data()));
  });
});
