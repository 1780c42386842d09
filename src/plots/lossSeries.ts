/**
 * Pure math behind the loss chart: which curves exist, their smoothing, and thinning 10,000+ points
 * down to what a few hundred pixels can show. Kept apart from the SVG so each piece is testable.
 */
import type { StepMetrics } from '../shared/types';

/** The fields of a training step the chart reads; StepMetrics satisfies it. */
export type LossPoint = Pick<StepMetrics, 'step' | 'seconds' | 'loss' | 'recon' | 'kl' | 'testNelbo'>;

export type LossSeriesKey = 'loss' | 'recon' | 'kl' | 'betaKl' | 'testNelbo';
export type LossXAxis = 'step' | 'seconds';

export interface LossSeries {
  key: LossSeriesKey;
  label: string;
  color: string;
  /** Held-out evaluations happen every few hundred steps: drawn with dots and never smoothed. */
  sparse: boolean;
  /** Index into the input points of each kept value; non-finite values are dropped. */
  indices: number[];
  xs: number[];
  ys: number[];
}

export const SERIES_COLORS: Record<LossSeriesKey, string> = {
  loss: '#4e79a7',
  recon: '#f28e2b',
  kl: '#e15759',
  betaKl: '#b07aa1',
  testNelbo: '#59a14f',
};

export function seriesLabel(key: LossSeriesKey, klWeight: number): string {
  switch (key) {
    case 'loss':
      return 'total loss';
    case 'recon':
      return 'reconstruction';
    case 'kl':
      return 'KL';
    case 'betaKl':
      return `β·KL (β = ${klWeight})`;
    case 'testNelbo':
      return 'held-out −ELBO';
  }
}

/** Value of one series at one point, or undefined when that point has none (e.g. no evaluation). */
export function seriesValue(key: LossSeriesKey, point: LossPoint, klWeight: number): number | undefined {
  switch (key) {
    case 'loss':
      return point.loss;
    case 'recon':
      return point.recon;
    case 'kl':
      return point.kl;
    case 'betaKl':
      return klWeight * point.kl;
    case 'testNelbo':
      return point.testNelbo;
  }
}

/** Series keys to show: beta*KL only differs from KL, and only adds information, when beta != 1. */
export function seriesKeys(klWeight: number): LossSeriesKey[] {
  return klWeight === 1 ? ['loss', 'recon', 'kl', 'testNelbo'] : ['loss', 'recon', 'kl', 'betaKl', 'testNelbo'];
}

export function xOf(point: LossPoint, xAxis: LossXAxis): number {
  return xAxis === 'seconds' ? point.seconds : point.step;
}

/**
 * Splits points into one series per curve, dropping values that are not finite, or not positive
 * when `positiveOnly` (a log axis cannot place them). The held-out series is omitted when empty.
 */
export function buildLossSeries(
  points: readonly LossPoint[],
  klWeight: number,
  xAxis: LossXAxis,
  positiveOnly = false,
): LossSeries[] {
  const out: LossSeries[] = [];
  for (const key of seriesKeys(klWeight)) {
    const series: LossSeries = {
      key,
      label: seriesLabel(key, klWeight),
      color: SERIES_COLORS[key],
      sparse: key === 'testNelbo',
      indices: [],
      xs: [],
      ys: [],
    };
    points.forEach((p, i) => {
      const x = xOf(p, xAxis);
      const y = seriesValue(key, p, klWeight);
      if (y === undefined || !Number.isFinite(y) || !Number.isFinite(x) || (positiveOnly && y <= 0)) return;
      series.indices.push(i);
      series.xs.push(x);
      series.ys.push(y);
    });
    if (key === 'testNelbo' && series.ys.length === 0) continue;
    out.push(series);
  }
  return out;
}

/**
 * Exponential moving average: s_0 = x_0, s_t = alpha * x_t + (1 - alpha) * s_{t-1}.
 * alpha = 1 leaves values unchanged; smaller alpha smooths more. Starting from the first finite
 * value (not 0) avoids the start-up bias that TensorBoard has to correct for. Non-finite inputs
 * come out as NaN and leave the running average untouched.
 */
export function smoothEma(values: ArrayLike<number>, alpha: number): number[] {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
  const out: number[] = new Array<number>(values.length);
  let s = NaN;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] ?? NaN;
    if (!Number.isFinite(x)) {
      out[i] = NaN;
      continue;
    }
    s = Number.isNaN(s) ? x : alpha * x + (1 - alpha) * s;
    out[i] = s;
  }
  return out;
}

/**
 * Indices to draw so that a line through them looks like the full line: the data are cut into
 * equal runs and each run keeps its minimum and maximum (in order), plus the very first and last
 * points. Spikes survive, unlike with every-k-th sampling. Returns at most maxPoints + 2 indices.
 */
export function decimateMinMax(ys: ArrayLike<number>, maxPoints: number): number[] {
  const n = ys.length;
  if (n <= maxPoints || maxPoints < 2) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.floor(maxPoints / 2);
  const kept: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if ((ys[i] ?? 0) < (ys[lo] ?? 0)) lo = i;
      if ((ys[i] ?? 0) > (ys[hi] ?? 0)) hi = i;
    }
    const first = Math.min(lo, hi);
    const second = Math.max(lo, hi);
    if (first !== kept[kept.length - 1]) kept.push(first);
    if (second !== first) kept.push(second);
  }
  if (kept[kept.length - 1] !== n - 1) kept.push(n - 1);
  return kept;
}

/**
 * Index of the x closest to `x` in an ascending array (steps and training seconds only grow),
 * or -1 when empty. Ties go to the earlier point.
 */
export function nearestIndexByX(xs: ArrayLike<number>, x: number): number {
  const n = xs.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(x - (xs[lo - 1] ?? 0)) <= Math.abs((xs[lo] ?? 0) - x)) return lo - 1;
  return lo;
}
