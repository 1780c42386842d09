import * as tf from '@tensorflow/tfjs';

/**
 * Dynamic binarization: each pixel becomes 1 with probability equal to its grey level,
 * x_b = [u < x] with u ~ U[0, 1), so E[x_b] = x. Unseeded, so every call (every training
 * step) draws afresh; a seed makes one draw reproducible.
 */
export function binarizeBatch(x: tf.Tensor2D, seed?: number): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.less(tf.randomUniform(x.shape, 0, 1, 'float32', seed), x), 'float32') as tf.Tensor2D);
}
