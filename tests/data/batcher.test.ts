import { describe, expect, it } from 'vitest';
import { Batcher } from '../../src/data/batcher';
import type { MnistSplit } from '../../src/data/mnistLoader';

const PIXELS = 784;

/** Sample i has every pixel equal to i and label (3 i) mod 10, so a batch row names its sample. */
function split(count: number): MnistSplit {
  const images = new Uint8Array(count * PIXELS);
  for (let i = 0; i < count; i++) images.fill(i, i * PIXELS, (i + 1) * PIXELS);
  return { count, images, labels: Uint8Array.from({ length: count }, (_, i) => (3 * i) % 10) };
}

/** The samples served by `batches` calls of next(size), in order, checking each row whole. */
function draw(batcher: Batcher, size: number, batches: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < batches; b++) {
    const { x, labels, size: n } = batcher.next(size);
    for (let r = 0; r < n; r++) {
      const id = Math.round(x[r * PIXELS]! * 255);
      for (const p of [0, 1, 400, 783]) expect(x[r * PIXELS + p]).toBeCloseTo(id / 255, 7);
      expect(labels[r]).toBe((3 * id) % 10);
      out.push(id);
    }
  }
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('Batcher', () => {
  it('serves every sample exactly once per epoch, batches straddling the epoch boundary included', () => {
    const count = 37; // 8 does not divide it: batches cross from one epoch into the next
    const batcher = new Batcher(split(count), 5);
    const served = draw(batcher, 8, 14); // 112 samples: 3 whole epochs and 1 sample of the 4th
    for (let e = 0; e < 3; e++) {
      expect(served.slice(e * count, (e + 1) * count).sort((a, b) => a - b)).toEqual(range(count));
    }
    expect(batcher.epoch).toBe(3);
    expect(batcher.epochProgress).toBeCloseTo(3 + 1 / count, 12);
  });

  it('reshuffles at each epoch: the second epoch is not the first again', () => {
    const served = draw(new Batcher(split(50), 9), 10, 10);
    expect(served.slice(50)).not.toEqual(served.slice(0, 50));
    expect(served.slice(0, 50)).not.toEqual(range(50)); // and the first is shuffled at all
  });

  it('the same seed gives the same order, epoch after epoch; different seeds give different orders', () => {
    const a = draw(new Batcher(split(40), 123), 16, 10);
    const b = draw(new Batcher(split(40), 123), 16, 10);
    expect(b).toEqual(a);
    const orders = [1, 2, 3, 124].map((seed) => draw(new Batcher(split(40), seed), 40, 1).join(','));
    expect(new Set([...orders, a.slice(0, 40).join(',')]).size).toBe(5);
  });

  it('a batch larger than the set is cut to the set', () => {
    const batcher = new Batcher(split(6), 1);
    const { size, labels } = batcher.next(100);
    expect(size).toBe(6);
    expect(labels.length).toBe(6);
    expect(batcher.epochProgress).toBe(1);
  });
});
