import { mulberry32 } from '../math/random';
import type { MnistSplit } from './mnistLoader';

const PIXELS = 784;

/**
 * Draws batches by shuffled index without replacement, one epoch at a time. Pixels stay
 * uint8 until a batch is cut (the float copy of the whole training set would be 188 MB).
 */
export class Batcher {
  private order: Uint32Array;
  private cursor = 0;
  epoch = 0;
  private readonly random: () => number;

  constructor(private readonly split: MnistSplit, seed = 1) {
    this.random = mulberry32(seed);
    this.order = new Uint32Array(split.count);
    for (let i = 0; i < split.count; i++) this.order[i] = i;
    this.shuffle();
  }

  /** Fraction of the current epoch already served, for a fractional epoch readout. */
  get epochProgress(): number {
    return this.epoch + this.cursor / this.split.count;
  }

  next(batchSize: number): { x: Float32Array; labels: Int32Array; size: number } {
    const size = Math.min(batchSize, this.split.count);
    const x = new Float32Array(size * PIXELS);
    const labels = new Int32Array(size);
    const { images } = this.split;
    for (let b = 0; b < size; b++) {
      if (this.cursor >= this.split.count) {
        this.cursor = 0;
        this.epoch += 1;
        this.shuffle();
      }
      const idx = this.order[this.cursor++] ?? 0;
      labels[b] = this.split.labels[idx] ?? 0;
      const src = idx * PIXELS;
      const dst = b * PIXELS;
      for (let p = 0; p < PIXELS; p++) x[dst + p] = (images[src + p] ?? 0) / 255;
    }
    return { x, labels, size };
  }

  private shuffle(): void {
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      const t = this.order[i] ?? 0;
      this.order[i] = this.order[j] ?? 0;
      this.order[j] = t;
    }
  }
}

/** First n digits of a split as floats in [0, 1], with their labels. */
export function toFloats(split: MnistSplit, n: number): { x: Float32Array; labels: Int32Array; count: number } {
  const count = Math.min(n, split.count);
  const x = new Float32Array(count * PIXELS);
  for (let i = 0; i < count * PIXELS; i++) x[i] = (split.images[i] ?? 0) / 255;
  return { x, labels: Int32Array.from(split.labels.subarray(0, count)), count };
}
