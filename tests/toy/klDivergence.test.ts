import { describe, expect, it } from 'vitest';
import {
  density,
  klClosedForm,
  klNumeric,
  klReport,
  simpson,
  zeroMismatchRegions,
  type Dist1D,
} from '../../src/toy/klDivergence';

const normal = (mean: number, sd: number): Dist1D => ({ kind: 'normal', mean, sd });
const uniform = (a: number, b: number): Dist1D => ({ kind: 'uniform', a, b });

describe('densities', () => {
  it('integrate to one and have the right heights', () => {
    for (const d of [normal(1, 0.3), normal(-2, 2.5), uniform(-1, 3)]) {
      expect(simpson((x) => density(d, x), -20, 20, 20_000)).toBeCloseTo(1, 3);
    }
    expect(density(normal(0, 1), 0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 12);
    expect(density(uniform(-1, 3), 0)).toBe(0.25);
    expect(density(uniform(-1, 3), 3.01)).toBe(0);
  });
});

describe('KL numeric vs closed form', () => {
  const finitePairs: Array<[string, Dist1D, Dist1D]> = [
    ['N || N, same', normal(0, 1), normal(0, 1)],
    ['N || N, shifted', normal(0, 1), normal(2, 1)],
    ['N || N, narrow vs wide', normal(1, 0.3), normal(-1, 2)],
    ['N || N, wide vs narrow', normal(-1, 2), normal(1, 0.3)],
    ['U || U, nested', uniform(-1, 1), uniform(-2, 3)],
    ['U || U, equal', uniform(0, 2), uniform(0, 2)],
    ['U || N', uniform(-1, 2), normal(0.5, 1.5)],
    ['U || N, far', uniform(2, 4), normal(-1, 0.5)],
  ];

  it.each(finitePairs)('%s agree', (_, p, q) => {
    const exact = klClosedForm(p, q);
    expect(Number.isFinite(exact)).toBe(true);
    expect(klNumeric(p, q)).toBeCloseTo(exact, 6);
  });

  it('known values: N(0,1) || N(1,1) = 1/2, U(0,1) || U(0,2) = log 2', () => {
    expect(klClosedForm(normal(0, 1), normal(1, 1))).toBeCloseTo(0.5, 12);
    expect(klNumeric(normal(0, 1), normal(1, 1))).toBeCloseTo(0.5, 6);
    expect(klNumeric(uniform(0, 1), uniform(0, 2))).toBeCloseTo(Math.LN2, 6);
  });

  it('is zero for equal distributions, positive otherwise, and not symmetric', () => {
    expect(klNumeric(normal(0.4, 1.2), normal(0.4, 1.2))).toBeCloseTo(0, 8);
    const pq = klNumeric(normal(0, 1), normal(1, 2));
    const qp = klNumeric(normal(1, 2), normal(0, 1));
    expect(pq).toBeGreaterThan(0);
    expect(qp).toBeGreaterThan(0);
    expect(Math.abs(pq - qp)).toBeGreaterThan(0.1);
  });
});

describe('infinite KL', () => {
  it('uniform p sticking out of uniform q: infinite, with the offending pieces located', () => {
    const p = uniform(-1, 2);
    const q = uniform(0, 1);
    expect(klNumeric(p, q)).toBe(Infinity);
    expect(klClosedForm(p, q)).toBe(Infinity);
    expect(zeroMismatchRegions(p, q)).toEqual([
      { lo: -1, hi: 0 },
      { lo: 1, hi: 2 },
    ]);
    // the other direction is finite: q's support lies inside p's
    expect(zeroMismatchRegions(q, p)).toEqual([]);
    expect(klNumeric(q, p)).toBeCloseTo(Math.log(3), 6);
  });

  it('disjoint uniforms: the whole of p offends', () => {
    expect(zeroMismatchRegions(uniform(0, 1), uniform(2, 3))).toEqual([{ lo: 0, hi: 1 }]);
    expect(zeroMismatchRegions(uniform(2, 3), uniform(0, 1))).toEqual([{ lo: 2, hi: 3 }]);
    expect(klNumeric(uniform(2, 3), uniform(0, 1))).toBe(Infinity);
  });

  it('normal p against uniform q: infinite on both unbounded tails; the reverse is finite', () => {
    const p = normal(0, 1);
    const q = uniform(-3, 3);
    const report = klReport(p, q);
    expect(report.numeric).toBe(Infinity);
    expect(report.closedForm).toBe(Infinity);
    expect(report.infiniteRegions).toEqual([
      { lo: -Infinity, hi: -3 },
      { lo: 3, hi: Infinity },
    ]);
    const back = klReport(q, p);
    expect(back.infiniteRegions).toEqual([]);
    expect(Number.isFinite(back.numeric)).toBe(true);
    expect(back.numeric).toBeCloseTo(back.closedForm, 6);
  });

  it('normals never give an infinite KL', () => {
    expect(zeroMismatchRegions(normal(-3, 0.2), normal(3, 0.2))).toEqual([]);
    expect(Number.isFinite(klNumeric(normal(-3, 0.2), normal(3, 0.2)))).toBe(true);
  });

  it('touching supports are not a mismatch: U(0,1) || U(0,1)', () => {
    expect(zeroMismatchRegions(uniform(0, 1), uniform(0, 1))).toEqual([]);
  });
});
