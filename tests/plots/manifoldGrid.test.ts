// @vitest-environment jsdom
import { stubCanvasContext } from './stubCanvas';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gaussianGridCodes, gaussianGridValues, labelledCells, linspace, ManifoldGrid } from '../../src/plots/manifoldGrid';

describe('linspace', () => {
  it('includes both ends', () => {
    expect(linspace(0.05, 0.95, 4).map((v) => +v.toFixed(12))).toEqual([0.05, 0.35, 0.65, 0.95]);
    expect(linspace(0, 1, 1)).toEqual([0.5]);
    expect(linspace(0, 1, 0)).toEqual([]);
  });
});

describe('gaussianGridCodes', () => {
  it('uses Phi^-1 of linspace(0.05, 0.95, n) by default', () => {
    const v = gaussianGridValues(3);
    expect(v[0]).toBeCloseTo(-1.6448536, 6);
    expect(v[1]).toBeCloseTo(0, 9);
    expect(v[2]).toBeCloseTo(1.6448536, 6);
    expect(gaussianGridValues(2, 0.95)[1]).toBeCloseTo(1.959964, 6);
  });

  it('sweeps dimX left to right and dimY bottom to top, other dims zero', () => {
    const n = 3;
    const codes = gaussianGridCodes(n, 4, 2, 0);
    expect(codes).toHaveLength(9);
    const q = 1.6448536;
    const topLeft = codes[0]!;
    expect(topLeft[2]).toBeCloseTo(-q, 5);
    expect(topLeft[0]).toBeCloseTo(q, 5); // top row = high y
    expect(topLeft[1]).toBe(0);
    expect(topLeft[3]).toBe(0);
    const bottomRight = codes[8]!;
    expect(bottomRight[2]).toBeCloseTo(q, 5);
    expect(bottomRight[0]).toBeCloseTo(-q, 5);
    // Same row shares dimY; same column shares dimX.
    expect(codes[3]![0]).toBe(codes[5]![0]);
    expect(codes[1]![2]).toBe(codes[7]![2]);
  });

  it('takes the other dims from base when given', () => {
    const codes = gaussianGridCodes(2, 3, 0, 1, 0.9, [5, 6, 7]);
    expect(codes[0]![2]).toBe(7);
    expect(codes[0]![0]).not.toBe(5);
  });

  it('rejects dims outside the latent size and spans outside (0,1)', () => {
    expect(() => gaussianGridCodes(3, 2, 0, 2)).toThrow(RangeError);
    expect(() => gaussianGridCodes(3, 2, 0, 1, 1)).toThrow(RangeError);
  });
});

describe('labelledCells', () => {
  it('labels every k-th cell in from both ends, symmetric about the centre', () => {
    expect(labelledCells(12, 7)).toEqual([0, 2, 4, 7, 9, 11]);
    expect(labelledCells(15, 7)).toEqual([0, 3, 6, 8, 11, 14]);
    expect(labelledCells(5, 7)).toEqual([0, 1, 2, 3, 4]);
    expect(labelledCells(1, 7)).toEqual([0]);
    expect(labelledCells(0, 7)).toEqual([]);
  });
});

describe('ManifoldGrid', () => {
  beforeEach(() => {
    stubCanvasContext(null);
  });
  afterEach(() => vi.restoreAllMocks());

  it('decodes every cell once and labels the edges with z quantiles', () => {
    const root = document.createElement('div');
    const grid = new ManifoldGrid(root, { n: 5, sizePx: 200 });
    const seen: number[][] = [];
    const drawn = grid.update({
      latentDim: 2,
      decode: (z) => {
        seen.push(Array.from(z));
        return new Float32Array(784);
      },
    });
    expect(drawn).toBe(false); // no 2D context in jsdom
    expect(seen).toHaveLength(25);
    expect(seen[0]![0]).toBeCloseTo(-1.6448536, 5);
    expect(seen[0]![1]).toBeCloseTo(1.6448536, 5);
    const xTicks = Array.from(root.querySelectorAll('[data-role="x-ticks"] text:not([data-role])')).map((t) => t.textContent);
    // Phi^-1(0.275) = -0.598; d3.format writes a true minus sign (U+2212).
    expect(xTicks).toEqual(['−1.6', '−0.6', '0.0', '0.6', '1.6']);
    expect(root.querySelector('[data-role="x-label"]')?.textContent).toBe('z1');
    expect(root.querySelector('[data-role="y-label"]')?.textContent).toBe('z2');
    const yTicks = Array.from(root.querySelectorAll('[data-role="y-ticks"] text:not([data-role])'));
    // The top-most y tick is the largest z.
    const top = yTicks.reduce((a, b) => (Number(a.getAttribute('y')) < Number(b.getAttribute('y')) ? a : b));
    expect(top.textContent).toBe('1.6');
    grid.destroy();
    expect(root.children).toHaveLength(0);
  });
});
