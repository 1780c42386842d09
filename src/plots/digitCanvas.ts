/**
 * MNIST digits as pixels: intensities in [0,1] -> RGBA bytes -> a crisply scaled canvas.
 * The byte math is pure so it can be tested without a 2D context (jsdom has none).
 */
import { IMAGE_SIZE, PIXELS } from '../shared/types';

export type Rgb = readonly [number, number, number];

export type DigitPolarity = 'light-on-dark' | 'dark-on-light';

export interface DigitColors {
  /** Colour of intensity 1 (the pen). */
  ink: Rgb;
  /** Colour of intensity 0 (the background). */
  paper: Rgb;
}

export interface DigitStyle {
  /** 'light-on-dark' (default) is how MNIST is stored; 'dark-on-light' reads like ink on paper. */
  polarity?: DigitPolarity;
  /** Overrides the polarity's colours. */
  colors?: DigitColors;
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

export function digitColors(style: DigitStyle = {}): DigitColors {
  if (style.colors) return style.colors;
  return style.polarity === 'dark-on-light' ? { ink: BLACK, paper: WHITE } : { ink: WHITE, paper: BLACK };
}

/**
 * Writes one 28x28 digit into an RGBA buffer `targetWidth` pixels wide at (x0, y0).
 * colour = paper + v * (ink - paper), v clamped to [0,1]; NaN counts as 0 so a diverged
 * decoder shows blank paper rather than garbage.
 */
export function writeDigitRgba(
  target: Uint8ClampedArray,
  targetWidth: number,
  x0: number,
  y0: number,
  intensities: ArrayLike<number>,
  colors: DigitColors,
): void {
  const [ir, ig, ib] = colors.ink;
  const [pr, pg, pb] = colors.paper;
  for (let row = 0; row < IMAGE_SIZE; row++) {
    let o = ((y0 + row) * targetWidth + x0) * 4;
    for (let col = 0; col < IMAGE_SIZE; col++, o += 4) {
      const raw = intensities[row * IMAGE_SIZE + col] ?? 0;
      const v = raw > 0 ? (raw < 1 ? raw : 1) : 0; // also maps NaN to 0
      target[o] = pr + v * (ir - pr);
      target[o + 1] = pg + v * (ig - pg);
      target[o + 2] = pb + v * (ib - pb);
      target[o + 3] = 255;
    }
  }
}

/** RGBA bytes (length 784 * 4) for one digit, ready for `new ImageData(bytes, 28, 28)`. */
export function digitToRgba(intensities: ArrayLike<number>, style: DigitStyle = {}): Uint8ClampedArray {
  const out = new Uint8ClampedArray(PIXELS * 4);
  writeDigitRgba(out, IMAGE_SIZE, 0, 0, intensities, digitColors(style));
  return out;
}

export interface GridLayout {
  rows: number;
  cols: number;
  /** Gap between cells in source (28-per-digit) pixels. */
  gapSourcePx: number;
}

/** Size in source pixels of a rows x cols grid of digits with gaps between cells. */
export function gridSourceSize(layout: GridLayout): { width: number; height: number } {
  const { rows, cols, gapSourcePx } = layout;
  return {
    width: Math.max(0, cols * IMAGE_SIZE + (cols - 1) * gapSourcePx),
    height: Math.max(0, rows * IMAGE_SIZE + (rows - 1) * gapSourcePx),
  };
}

/**
 * RGBA bytes for a row-major grid of digits. `digitAt(i)` is called once per cell in order and its
 * result is copied at once, so a decoder that reuses one output buffer is safe to pass.
 * Missing cells (null) and gaps are filled with the paper colour.
 */
export function digitGridToRgba(
  digitAt: (index: number) => ArrayLike<number> | null,
  layout: GridLayout,
  style: DigitStyle = {},
): { rgba: Uint8ClampedArray; width: number; height: number } {
  const colors = digitColors(style);
  const { width, height } = gridSourceSize(layout);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const [pr, pg, pb] = colors.paper;
  for (let o = 0; o < rgba.length; o += 4) {
    rgba[o] = pr;
    rgba[o + 1] = pg;
    rgba[o + 2] = pb;
    rgba[o + 3] = 255;
  }
  const step = IMAGE_SIZE + layout.gapSourcePx;
  for (let r = 0; r < layout.rows; r++) {
    for (let c = 0; c < layout.cols; c++) {
      const digit = digitAt(r * layout.cols + c);
      if (digit) writeDigitRgba(rgba, width, c * step, r * step, digit, colors);
    }
  }
  return { rgba, width, height };
}

const sourceCanvases = new WeakMap<HTMLCanvasElement, HTMLCanvasElement>();

export interface DrawDigitOptions extends DigitStyle {
  /** Canvas size in pixels per source pixel; when omitted the canvas keeps its current size. */
  scale?: number;
}

/**
 * Paints source-resolution RGBA onto `canvas`, scaled with nearest-neighbour so pixels stay square.
 * Returns false when no 2D context is available (jsdom, or a context-loss).
 */
export function paintRgba(
  canvas: HTMLCanvasElement,
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  scale?: number,
): boolean {
  if (scale !== undefined) {
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
  }
  // The browser may upscale again for devicePixelRatio; keep that crisp too.
  canvas.style.imageRendering = 'pixelated';
  if (width === 0 || height === 0) return true;
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  // One source canvas per target: strips repaint several times a second and need not allocate.
  let source = sourceCanvases.get(canvas);
  if (!source) {
    source = canvas.ownerDocument.createElement('canvas');
    sourceCanvases.set(canvas, source);
  }
  if (source.width !== width) source.width = width;
  if (source.height !== height) source.height = height;
  const sourceCtx = source.getContext('2d');
  if (!sourceCtx) return false;
  const image = sourceCtx.createImageData(width, height);
  image.data.set(rgba);
  sourceCtx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  return true;
}

/** Draws one digit filling the canvas. */
export function drawDigit(
  canvas: HTMLCanvasElement,
  intensities: ArrayLike<number>,
  options: DrawDigitOptions = {},
): boolean {
  return paintRgba(canvas, digitToRgba(intensities, options), IMAGE_SIZE, IMAGE_SIZE, options.scale);
}

export interface DrawDigitGridOptions extends DrawDigitOptions {
  rows: number;
  cols: number;
  /** Gap between cells in source pixels (default 1, which the scale multiplies). */
  gapSourcePx?: number;
}

/**
 * Draws a row-major grid of digits into one canvas (manifold grid, reconstructions strip, prior
 * samples). `digits` may be an array (missing entries left blank) or a per-cell callback.
 */
export function drawDigitGrid(
  canvas: HTMLCanvasElement,
  digits: ReadonlyArray<ArrayLike<number> | null> | ((index: number) => ArrayLike<number> | null),
  options: DrawDigitGridOptions,
): boolean {
  const layout: GridLayout = { rows: options.rows, cols: options.cols, gapSourcePx: options.gapSourcePx ?? 1 };
  const digitAt = typeof digits === 'function' ? digits : (i: number) => digits[i] ?? null;
  const { rgba, width, height } = digitGridToRgba(digitAt, layout, options);
  return paintRgba(canvas, rgba, width, height, options.scale);
}
