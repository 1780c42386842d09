// @vitest-environment jsdom
import { stubCanvasContext } from './stubCanvas';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { digitGridToRgba, digitToRgba, drawDigit, drawDigitGrid, gridSourceSize } from '../../src/plots/digitCanvas';

function pixelAt(rgba: Uint8ClampedArray, width: number, x: number, y: number): number[] {
  const o = (y * width + x) * 4;
  return Array.from(rgba.slice(o, o + 4));
}

describe('digitToRgba', () => {
  const digit = new Float32Array(784);
  digit[0] = 1;
  digit[1] = 0.5;
  digit[28] = NaN;
  digit[29] = 3; // out of range: clamps to 1
  digit[30] = -2;

  it('maps intensity to white-on-black by default, with opaque alpha', () => {
    const rgba = digitToRgba(digit);
    expect(rgba.length).toBe(784 * 4);
    expect(pixelAt(rgba, 28, 0, 0)).toEqual([255, 255, 255, 255]);
    expect(pixelAt(rgba, 28, 1, 0)).toEqual([128, 128, 128, 255]);
    expect(pixelAt(rgba, 28, 2, 0)).toEqual([0, 0, 0, 255]);
  });

  it('clamps out-of-range values and treats NaN as background', () => {
    const rgba = digitToRgba(digit);
    expect(pixelAt(rgba, 28, 0, 1)).toEqual([0, 0, 0, 255]);
    expect(pixelAt(rgba, 28, 1, 1)).toEqual([255, 255, 255, 255]);
    expect(pixelAt(rgba, 28, 2, 1)).toEqual([0, 0, 0, 255]);
  });

  it('inverts for dark-on-light and honours custom colours', () => {
    const dark = digitToRgba(digit, { polarity: 'dark-on-light' });
    expect(pixelAt(dark, 28, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixelAt(dark, 28, 2, 0)).toEqual([255, 255, 255, 255]);
    const custom = digitToRgba(digit, { colors: { ink: [200, 100, 0], paper: [0, 0, 100] } });
    expect(pixelAt(custom, 28, 1, 0)).toEqual([100, 50, 50, 255]);
  });
});

describe('digitGridToRgba', () => {
  it('places cell i at row i / cols, column i % cols, with paper-coloured gaps', () => {
    const layout = { rows: 2, cols: 3, gapSourcePx: 2 };
    expect(gridSourceSize(layout)).toEqual({ width: 3 * 28 + 4, height: 2 * 28 + 2 });
    const full = new Float32Array(784).fill(1);
    // Only cell 4 (row 1, column 1) is ink.
    const { rgba, width } = digitGridToRgba((i) => (i === 4 ? full : null), layout);
    expect(width).toBe(88);
    expect(pixelAt(rgba, width, 30, 30)).toEqual([255, 255, 255, 255]);
    expect(pixelAt(rgba, width, 30 + 27, 30 + 27)).toEqual([255, 255, 255, 255]);
    expect(pixelAt(rgba, width, 29, 30)).toEqual([0, 0, 0, 255]); // gap
    expect(pixelAt(rgba, width, 0, 0)).toEqual([0, 0, 0, 255]); // empty cell 0
    expect(pixelAt(rgba, width, 30 + 28, 30)).toEqual([0, 0, 0, 255]);
  });

  it('copies each digit before asking for the next, so a reused buffer is safe', () => {
    const shared = new Float32Array(784);
    const { rgba, width } = digitGridToRgba(
      (i) => {
        shared.fill(i === 0 ? 1 : 0);
        return shared;
      },
      { rows: 1, cols: 2, gapSourcePx: 0 },
    );
    expect(pixelAt(rgba, width, 5, 5)[0]).toBe(255);
    expect(pixelAt(rgba, width, 33, 5)[0]).toBe(0);
  });
});

describe('drawing onto a canvas', () => {
  afterEach(() => vi.restoreAllMocks());

  it('returns false without throwing when there is no 2D context, but still sizes the canvas', () => {
    stubCanvasContext(null);
    const canvas = document.createElement('canvas');
    expect(drawDigit(canvas, new Float32Array(784), { scale: 4 })).toBe(false);
    expect(canvas.width).toBe(112);
    expect(drawDigitGrid(canvas, [null, null], { rows: 1, cols: 2, scale: 2 })).toBe(false);
    expect(canvas.width).toBe((2 * 28 + 1) * 2);
  });

  it('scales with smoothing off and puts the exact bytes into the source image', () => {
    const calls: string[] = [];
    let putData: Uint8ClampedArray | null = null;
    const fake = {
      imageSmoothingEnabled: true,
      createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4), width: w, height: h }),
      putImageData: (img: { data: Uint8ClampedArray }) => {
        putData = img.data;
        calls.push('put');
      },
      clearRect: () => calls.push('clear'),
      drawImage: (_src: unknown, x: number, y: number, w: number, h: number) => calls.push(`draw ${x} ${y} ${w} ${h}`),
    };
    stubCanvasContext(fake);
    const canvas = document.createElement('canvas');
    const digit = new Float32Array(784).fill(0.25);
    expect(drawDigit(canvas, digit, { scale: 3 })).toBe(true);
    expect(fake.imageSmoothingEnabled).toBe(false);
    expect(calls).toContain('draw 0 0 84 84');
    expect(putData).not.toBeNull();
    expect(Array.from(putData!.slice(0, 4))).toEqual([64, 64, 64, 255]);
  });
});
