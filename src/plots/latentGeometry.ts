/**
 * Pure geometry of the latent map: which window of z to show, where codes land in pixels, the size
 * of a diagonal-Gaussian posterior's ellipse, and nearest-code lookup. No DOM, so all testable.
 */
import * as d3 from 'd3';
import type { TestCodes } from '../shared/types';

export type Domain = readonly [number, number];

/** Colour of each digit class 0..9 (d3.schemeCategory10), shared by points, legend and markers. */
export const DIGIT_COLORS: readonly string[] = d3.schemeCategory10;
const UNKNOWN_COLOR = '#999999';

export function digitColor(label: number | undefined): string {
  return (label === undefined ? undefined : DIGIT_COLORS[label]) ?? UNKNOWN_COLOR;
}

/** mu of code i along dimension d (row-major count x latentDim). */
export function codeValue(codes: TestCodes, i: number, d: number): number {
  return codes.mu[i * codes.latentDim + d] ?? NaN;
}

export interface DomainOptions {
  /** The window shown when every code fits inside it, e.g. [-4, 4] for a standard-normal prior. */
  fixed: Domain;
  /** Widen the window, in whole units, to include codes outside it (default true). */
  autoExtend: boolean;
  /** Never widen past +-maxAbs, so one diverged code cannot shrink every other point to a dot. */
  maxAbs: number;
}

/**
 * One domain shared by both axes, so the plot is isotropic and a round posterior looks round.
 * Extension snaps outward to integers so the axes do not creep on every update.
 */
export function latentDomain(codes: TestCodes, dimX: number, dimY: number, options: DomainOptions): Domain {
  let [lo, hi] = options.fixed;
  if (!options.autoExtend) return [lo, hi];
  for (let i = 0; i < codes.count; i++) {
    for (const d of [dimX, dimY]) {
      const v = codeValue(codes, i, d);
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  lo = Math.max(-options.maxAbs, Math.min(options.fixed[0], Math.floor(lo)));
  hi = Math.min(options.maxAbs, Math.max(options.fixed[1], Math.ceil(hi)));
  return [lo, hi];
}

/**
 * Pixel positions of every code as [x0, y0, x1, y1, ...]; NaN where mu is not finite so the drawer
 * can skip it.
 */
export function projectCodes(
  codes: TestCodes,
  dimX: number,
  dimY: number,
  x: (v: number) => number,
  y: (v: number) => number,
): Float32Array {
  const out = new Float32Array(codes.count * 2);
  for (let i = 0; i < codes.count; i++) {
    const vx = codeValue(codes, i, dimX);
    const vy = codeValue(codes, i, dimY);
    const ok = Number.isFinite(vx) && Number.isFinite(vy);
    out[2 * i] = ok ? x(vx) : NaN;
    out[2 * i + 1] = ok ? y(vy) : NaN;
  }
  return out;
}

/**
 * Radius along one axis of the k-sigma contour of a diagonal Gaussian, in latent units:
 * sigma = exp(logVar / 2), radius = k * sigma. The posterior is diagonal, so the ellipse is
 * axis-aligned and each axis only needs its own dimension's variance.
 */
export function posteriorRadius(logVar: number, k: number): number {
  return k * Math.exp(logVar / 2);
}

/** Nearest-code lookup in latent units over the two shown dimensions. */
export class CodeIndex {
  private readonly tree: d3.Quadtree<number>;

  constructor(codes: TestCodes, dimX: number, dimY: number) {
    const kept: number[] = [];
    for (let i = 0; i < codes.count; i++) {
      if (Number.isFinite(codeValue(codes, i, dimX)) && Number.isFinite(codeValue(codes, i, dimY))) kept.push(i);
    }
    this.tree = d3
      .quadtree<number>()
      .x((i) => codeValue(codes, i, dimX))
      .y((i) => codeValue(codes, i, dimY))
      .addAll(kept);
  }

  /** Index of the code closest to (zx, zy) within `radius` latent units, or null. */
  nearest(zx: number, zy: number, radius: number): number | null {
    return this.tree.find(zx, zy, radius) ?? null;
  }
}
