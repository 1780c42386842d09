import { mulberry32 } from '../math/random';

/** The seed of the one fixed binarization of the held-out digits: every run scores the same bits. */
export const TEST_BINARIZATION_SEED = 20_261_202;

/**
 * A fixed Bernoulli draw of grey levels in [0, 1]: pixel i is 1 with probability x[i]. Seeded,
 * so the held-out score of a binarized model always uses the same binary test digits.
 */
export function binarizeFixed(x: Float32Array, seed = TEST_BINARIZATION_SEED): Float32Array {
  const random = mulberry32(seed);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = random() < (x[i] ?? 0) ? 1 : 0;
  return out;
}
