// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { buildLossSeries, decimateMinMax, nearestIndexByX, smoothEma, type LossPoint } from '../../src/plots/lossSeries';

const pt = (step: number, loss: number, extra: Partial<LossPoint> = {}): LossPoint => ({
  step,
  seconds: step / 10,
  loss,
  recon: loss - 10,
  kl: 10,
  ...extra,
});

describe('smoothEma', () => {
  it('follows s_t = alpha x_t + (1 - alpha) s_(t-1) from the first value', () => {
    const s = smoothEma([10, 20, 20, 0], 0.5);
    expect(s).toEqual([10, 15, 17.5, 8.75]);
  });

  it('is the identity at alpha = 1', () => {
    expect(smoothEma([3, 1, 4, 1, 5], 1)).toEqual([3, 1, 4, 1, 5]);
  });

  it('passes over non-finite values without poisoning the average', () => {
    const s = smoothEma([NaN, 4, Infinity, 8], 0.25);
    expect(s[0]).toBeNaN();
    expect(s[1]).toBe(4);
    expect(s[2]).toBeNaN();
    expect(s[3]).toBe(0.25 * 8 + 0.75 * 4);
  });

  it('rejects alpha outside (0, 1]', () => {
    expect(() => smoothEma([1], 0)).toThrow(RangeError);
    expect(() => smoothEma([1], 1.5)).toThrow(RangeError);
  });
});

describe('decimateMinMax', () => {
  it('keeps everything when under the budget', () => {
    expect(decimateMinMax([1, 2, 3], 10)).toEqual([0, 1, 2]);
  });

  it('thins 10,000 points to the budget but keeps the ends and a one-point spike', () => {
    const ys = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 100));
    ys[4321] = 1e6;
    const kept = decimateMinMax(ys, 500);
    expect(kept.length).toBeLessThanOrEqual(502);
    expect(kept.length).toBeGreaterThan(250);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(9_999);
    expect(kept).toContain(4321);
    for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
  });
});

describe('nearestIndexByX', () => {
  it('finds the closest x in an ascending array', () => {
    const xs = [0, 10, 20, 40];
    expect(nearestIndexByX(xs, -5)).toBe(0);
    expect(nearestIndexByX(xs, 14)).toBe(1);
    expect(nearestIndexByX(xs, 16)).toBe(2);
    expect(nearestIndexByX(xs, 31)).toBe(3);
    expect(nearestIndexByX(xs, 1000)).toBe(3);
    expect(nearestIndexByX([], 3)).toBe(-1);
  });
});

describe('buildLossSeries', () => {
  it('adds beta*KL only when beta != 1 and drops the held-out series when never evaluated', () => {
    const points = [pt(0, 100), pt(1, 90)];
    expect(buildLossSeries(points, 1, 'step').map((s) => s.key)).toEqual(['loss', 'recon', 'kl']);
    const beta = buildLossSeries(points, 0.5, 'step');
    expect(beta.map((s) => s.key)).toEqual(['loss', 'recon', 'kl', 'betaKl']);
    expect(beta.find((s) => s.key === 'betaKl')!.ys).toEqual([5, 5]);
  });

  it('skips non-finite values per series, and non-positive ones for a log axis', () => {
    const points = [pt(0, NaN), pt(1, 90, { kl: 0 }), pt(2, Infinity, { testNelbo: 95 }), pt(3, 80)];
    const series = buildLossSeries(points, 1, 'seconds');
    const loss = series.find((s) => s.key === 'loss')!;
    expect(loss.indices).toEqual([1, 3]);
    expect(loss.xs).toEqual([0.1, 0.3]);
    expect(series.find((s) => s.key === 'testNelbo')!.indices).toEqual([2]);
    const logKl = buildLossSeries(points, 1, 'step', true).find((s) => s.key === 'kl')!;
    expect(logKl.indices).toEqual([0, 2, 3]);
  });
});
