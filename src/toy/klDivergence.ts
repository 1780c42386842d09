/**
 * KL divergence between two 1-D distributions, each a normal or a uniform, for the
 * "why a normal posterior" page. Plain math: no tfjs, no DOM.
 *
 *   KL(p || q) = integral of p(x) log(p(x) / q(x)) dx            (eq. 7)
 *
 * It is infinite as soon as p > 0 on a region of positive length where q = 0.
 */

import { normalLogDensity } from '../math/gaussian';

export interface NormalDist {
  kind: 'normal';
  mean: number;
  sd: number;
}

export interface UniformDist {
  kind: 'uniform';
  /** Left end of the support. */
  a: number;
  /** Right end of the support; b > a. */
  b: number;
}

export type Dist1D = NormalDist | UniformDist;

export interface Interval {
  lo: number;
  hi: number;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log density; -Infinity outside a uniform's support. */
export function logDensity(d: Dist1D, x: number): number {
  if (d.kind === 'normal') return normalLogDensity(x, d.mean, d.sd);
  return x >= d.a && x <= d.b ? -Math.log(d.b - d.a) : -Infinity;
}

export function density(d: Dist1D, x: number): number {
  return Math.exp(logDensity(d, x));
}

/** Where the density is positive. A normal's support is the whole line. */
export function supportOf(d: Dist1D): Interval {
  return d.kind === 'normal' ? { lo: -Infinity, hi: Infinity } : { lo: d.a, hi: d.b };
}

/**
 * Where p > 0 but q = 0: support(p) minus support(q), as at most two intervals of positive
 * length (possibly unbounded). Any such region makes KL(p || q) infinite.
 */
export function zeroMismatchRegions(p: Dist1D, q: Dist1D): Interval[] {
  const sp = supportOf(p);
  const sq = supportOf(q);
  const regions: Interval[] = [];
  const left: Interval = { lo: sp.lo, hi: Math.min(sp.hi, sq.lo) };
  const right: Interval = { lo: Math.max(sp.lo, sq.hi), hi: sp.hi };
  if (left.hi > left.lo) regions.push(left);
  if (right.hi > right.lo) regions.push(right);
  return regions;
}

/**
 * KL(p || q) in nats, in closed form. Every pair of these two families has one:
 *   normal || normal:   log(s_q / s_p) + (s_p^2 + (m_p - m_q)^2) / (2 s_q^2) - 1/2
 *   uniform || uniform: log(width_q / width_p) if [a_p, b_p] lies inside [a_q, b_q], else infinity
 *   uniform || normal:  -log(b - a) + log(s sqrt(2 pi)) + E_U[(x - m)^2] / (2 s^2),
 *                       with E_U[(x - m)^2] = ((b - m)^3 - (a - m)^3) / (3 (b - a))
 *   normal || uniform:  infinity (the normal's tails leave the uniform's support)
 */
export function klClosedForm(p: Dist1D, q: Dist1D): number {
  if (p.kind === 'normal' && q.kind === 'normal') {
    const dm = p.mean - q.mean;
    return Math.log(q.sd / p.sd) + (p.sd * p.sd + dm * dm) / (2 * q.sd * q.sd) - 0.5;
  }
  if (p.kind === 'uniform' && q.kind === 'uniform') {
    return p.a >= q.a && p.b <= q.b ? Math.log((q.b - q.a) / (p.b - p.a)) : Infinity;
  }
  if (p.kind === 'uniform' && q.kind === 'normal') {
    const secondMoment = ((p.b - q.mean) ** 3 - (p.a - q.mean) ** 3) / (3 * (p.b - p.a));
    return -Math.log(p.b - p.a) + Math.log(q.sd) + LOG_SQRT_2PI + secondMoment / (2 * q.sd * q.sd);
  }
  return Infinity;
}

/** Normal tails beyond this many standard deviations carry < 1e-30 of the mass. */
const NORMAL_TAIL_SDS = 12;

/** The finite interval numerical integration over p uses. */
export function integrationRange(p: Dist1D): Interval {
  return p.kind === 'normal'
    ? { lo: p.mean - NORMAL_TAIL_SDS * p.sd, hi: p.mean + NORMAL_TAIL_SDS * p.sd }
    : { lo: p.a, hi: p.b };
}

/** Composite Simpson's rule for g on [lo, hi] with an even number of intervals. */
export function simpson(g: (x: number) => number, lo: number, hi: number, intervals: number): number {
  const n = intervals % 2 === 0 ? intervals : intervals + 1;
  const h = (hi - lo) / n;
  let sum = g(lo) + g(hi);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * g(lo + i * h);
  return (sum * h) / 3;
}

/**
 * KL(p || q) in nats by numerical integration of p (log p - log q) over p's support.
 * Infinite when p has mass where q is zero: checked on the supports exactly rather than on a
 * grid, so a sliver of mismatch cannot slip between grid points.
 */
export function klNumeric(p: Dist1D, q: Dist1D, intervals = 4000): number {
  if (zeroMismatchRegions(p, q).length > 0) return Infinity;
  const { lo, hi } = integrationRange(p);
  return simpson(
    (x) => {
      const lp = logDensity(p, x);
      return lp === -Infinity ? 0 : Math.exp(lp) * (lp - logDensity(q, x));
    },
    lo,
    hi,
    intervals,
  );
}

export interface KlReport {
  /** KL(p || q) by numerical integration, nats. */
  numeric: number;
  /** KL(p || q) in closed form, nats. */
  closedForm: number;
  /** Where p > 0 and q = 0; empty when the KL is finite. */
  infiniteRegions: Interval[];
}

export function klReport(p: Dist1D, q: Dist1D): KlReport {
  return {
    numeric: klNumeric(p, q),
    closedForm: klClosedForm(p, q),
    infiniteRegions: zeroMismatchRegions(p, q),
  };
}
