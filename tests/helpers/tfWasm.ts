import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** tfjs-node cannot install here, so node tests run on the wasm backend (and say so if not). */
export async function useWasmBackend(): Promise<typeof tf> {
  await tf.setBackend('wasm');
  await tf.ready();
  if (tf.getBackend() !== 'wasm') throw new Error(`expected the wasm backend, got ${tf.getBackend()}`);
  return tf;
}
