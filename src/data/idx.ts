/**
 * Parser for MNIST's idx format (big-endian header: magic, count, then rows and cols for
 * images). Every check names the file and what was wrong, because a browser user can do
 * nothing with "RangeError: offset is out of bounds".
 */
export const IMAGE_MAGIC = 2051;
export const LABEL_MAGIC = 2049;

export class MnistDataError extends Error {
  override name = 'MnistDataError';
  /** The file at fault (as the manifest names it), when one is. */
  constructor(message: string, readonly file: string | null = null) {
    super(message);
  }
}

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count x rows x cols bytes, 0 = background, 255 = ink. */
  pixels: Uint8Array;
}

function header(bytes: Uint8Array, name: string, minLength: number): DataView {
  if (bytes.length < minLength) {
    throw new MnistDataError(`${name}: ${bytes.length} bytes is too short for an idx header`, name);
  }
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function parseIdxImages(bytes: Uint8Array, name: string, expectedCount?: number): IdxImages {
  const view = header(bytes, name, 16);
  const magic = view.getUint32(0);
  if (magic !== IMAGE_MAGIC) {
    throw new MnistDataError(`${name}: magic number ${magic}, expected ${IMAGE_MAGIC} for an image file`, name);
  }
  const count = view.getUint32(4);
  const rows = view.getUint32(8);
  const cols = view.getUint32(12);
  if (rows !== 28 || cols !== 28) throw new MnistDataError(`${name}: images are ${rows}x${cols}, expected 28x28`, name);
  if (expectedCount !== undefined && count !== expectedCount) {
    throw new MnistDataError(`${name}: holds ${count} images, expected ${expectedCount}`, name);
  }
  const expectedBytes = 16 + count * rows * cols;
  if (bytes.length !== expectedBytes) {
    throw new MnistDataError(`${name}: ${bytes.length} bytes, expected ${expectedBytes} (truncated or corrupt)`, name);
  }
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

export function parseIdxLabels(bytes: Uint8Array, name: string, expectedCount?: number): Uint8Array {
  const view = header(bytes, name, 8);
  const magic = view.getUint32(0);
  if (magic !== LABEL_MAGIC) {
    throw new MnistDataError(`${name}: magic number ${magic}, expected ${LABEL_MAGIC} for a label file`, name);
  }
  const count = view.getUint32(4);
  if (expectedCount !== undefined && count !== expectedCount) {
    throw new MnistDataError(`${name}: holds ${count} labels, expected ${expectedCount}`, name);
  }
  if (bytes.length !== 8 + count) {
    throw new MnistDataError(`${name}: ${bytes.length} bytes, expected ${8 + count} (truncated or corrupt)`, name);
  }
  const labels = bytes.subarray(8);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new MnistDataError(`${name}: label ${labels[bad]} at item ${bad} is not a digit 0-9`, name);
  return labels;
}
