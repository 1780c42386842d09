// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { TestCodes } from '../../src/shared/types';
import { CodeIndex, DIGIT_COLORS, digitColor, latentDomain, posteriorRadius, projectCodes } from '../../src/plots/latentGeometry';

function codesOf(rows: number[][]): TestCodes {
  const latentDim = rows[0]?.length ?? 2;
  return { count: rows.length, latentDim, mu: Float32Array.from(rows.flat()), logVar: new Float32Array(rows.length * latentDim) };
}

const fixed = { fixed: [-4, 4] as const, autoExtend: true, maxAbs: 20 };

describe('latentDomain', () => {
  it('keeps the fixed window when every code fits', () => {
    expect(latentDomain(codesOf([[1, -3.9], [0, 0]]), 0, 1, fixed)).toEqual([-4, 4]);
  });

  it('extends outward to whole units over the two shown dims only, ignoring NaN', () => {
    const codes = codesOf([[0, 5.2, -100], [-4.5, 0, 0], [NaN, 0, 0]]);
    expect(latentDomain(codes, 0, 1, fixed)).toEqual([-5, 6]);
    expect(latentDomain(codes, 0, 1, { ...fixed, autoExtend: false })).toEqual([-4, 4]);
  });

  it('stops at maxAbs so one diverged code cannot flatten the map', () => {
    expect(latentDomain(codesOf([[1e6, 0]]), 0, 1, fixed)).toEqual([-4, 20]);
  });
});

describe('projectCodes', () => {
  it('maps the chosen dims through the scales and marks non-finite codes NaN', () => {
    const codes = codesOf([[1, 2, 3], [Infinity, 0, 0]]);
    const xy = projectCodes(codes, 2, 0, (v) => 10 * v, (v) => -v);
    expect(Array.from(xy.slice(0, 2))).toEqual([30, -1]);
    expect(Number.isNaN(xy[2]!)).toBe(true);
  });
});

describe('posteriorRadius', () => {
  it('is k * exp(logVar / 2)', () => {
    expect(posteriorRadius(0, 1)).toBe(1);
    expect(posteriorRadius(Math.log(4), 2)).toBeCloseTo(4, 12);
    expect(posteriorRadius(-2, 1)).toBeCloseTo(Math.exp(-1), 12);
  });
});

describe('CodeIndex', () => {
  it('finds the nearest code in the shown plane within a radius', () => {
    const codes = codesOf([[0, 0, 9], [1, 1, 0], [3, 0, 0], [NaN, 0.1, 0]]);
    const index = new CodeIndex(codes, 0, 1);
    expect(index.nearest(0.9, 0.8, 1)).toBe(1);
    expect(index.nearest(0.1, 0.1, 1)).toBe(0);
    expect(index.nearest(2, -2, 1)).toBeNull();
    // Another plane: dims (2, 0) put code 0 at (9, 0).
    expect(new CodeIndex(codes, 2, 0).nearest(8.5, 0.2, 1)).toBe(0);
  });
});

describe('digit colours', () => {
  it('uses category10 for 0..9 and grey otherwise', () => {
    expect(DIGIT_COLORS).toHaveLength(10);
    expect(digitColor(0)).toBe('#1f77b4');
    expect(digitColor(9)).toBe('#17becf');
    expect(digitColor(10)).toBe('#999999');
    expect(digitColor(undefined)).toBe('#999999');
  });
});
