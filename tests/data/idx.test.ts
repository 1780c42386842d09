import { describe, expect, it } from 'vitest';
import { MnistDataError, parseIdxImages, parseIdxLabels } from '../../src/data/idx';
import { maybeGunzip } from '../../src/data/mnistLoader';
import { gzipSync } from 'node:zlib';

function imagesFile(count: number, magic = 2051, rows = 28, cols = 28): Uint8Array {
  const buf = new Uint8Array(16 + count * rows * cols);
  const view = new DataView(buf.buffer);
  view.setUint32(0, magic);
  view.setUint32(4, count);
  view.setUint32(8, rows);
  view.setUint32(12, cols);
  for (let i = 16; i < buf.length; i++) buf[i] = i % 256;
  return buf;
}

function labelsFile(labels: number[], magic = 2049): Uint8Array {
  const buf = new Uint8Array(8 + labels.length);
  const view = new DataView(buf.buffer);
  view.setUint32(0, magic);
  view.setUint32(4, labels.length);
  buf.set(labels, 8);
  return buf;
}

describe('idx parsing', () => {
  it('reads a well-formed image and label file', () => {
    const img = parseIdxImages(imagesFile(3), 'x', 3);
    expect(img.count).toBe(3);
    expect(img.pixels.length).toBe(3 * 784);
    expect(img.pixels[0]).toBe(16);
    expect(Array.from(parseIdxLabels(labelsFile([3, 1, 4]), 'y', 3))).toEqual([3, 1, 4]);
  });

  it('refuses a truncated image file, naming the file and the sizes', () => {
    const full = imagesFile(3);
    expect(() => parseIdxImages(full.subarray(0, full.length - 10), 'train-images', 3))
      .toThrow(/train-images: 2370 bytes, expected 2368|train-images: \d+ bytes, expected \d+/);
    expect(() => parseIdxImages(full.subarray(0, 10), 'train-images')).toThrow(MnistDataError);
  });

  it('refuses a wrong magic number, wrong dimensions or count', () => {
    expect(() => parseIdxImages(imagesFile(2, 2049), 'f')).toThrow(/magic number 2049, expected 2051/);
    expect(() => parseIdxImages(imagesFile(2, 2051, 32, 32), 'f')).toThrow(/32x32/);
    expect(() => parseIdxImages(imagesFile(2), 'f', 60000)).toThrow(/holds 2 images, expected 60000/);
    expect(() => parseIdxLabels(labelsFile([1, 2], 2051), 'l')).toThrow(/magic/);
  });

  it('refuses a label outside 0-9', () => {
    expect(() => parseIdxLabels(labelsFile([1, 12, 3]), 'l')).toThrow(/label 12 at item 1/);
  });

  it('gunzips gzip data, passes raw data through, and refuses corrupt gzip', async () => {
    const raw = labelsFile([5, 6]);
    expect(Array.from(await maybeGunzip(new Uint8Array(gzipSync(raw)), 'g'))).toEqual(Array.from(raw));
    expect(await maybeGunzip(raw, 'g')).toBe(raw);
    const gz = new Uint8Array(gzipSync(imagesFile(5)));
    await expect(maybeGunzip(gz.subarray(0, gz.length / 2), 'broken.gz')).rejects.toThrow(/broken.gz: the gzip data is corrupt/);
  });
});
