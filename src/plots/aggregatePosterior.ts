/**
 * The aggregate posterior q(z) = (1/N) sum_i N(z; mu_i, diag sigma_i^2) of the test digits,
 * marginalized onto the two latent dims the map shows, evaluated on a grid for contouring.
 *
 * Each component is diagonal, so its 2-D density factorizes: N(zx; mu_ix, s_ix) N(zy; mu_iy, s_iy).
 * Tabulating the 1-D factors first turns each component's share of the grid into an outer
 * product (multiply-adds, not exps), over only the cells near it.
 */
import { normalDensity, normalLogDensity } from '../math/gaussian';
import type { TestCodes } from '../shared/types';
import type { Domain } from './latentGeometry';

export interface DensityGrid {
  /** Samples per side. */
  size: number;
  domain: Domain;
  /** values[i + j * size] = q(z) at zx = centre(i), zy = centre(j). */
  values: Float64Array;
  /** Cell centre on either axis. */
  centre(i: number): number;
  /** Side of one cell, latent units. */
  cellWidth: number;
}

const CUTOFF_SDS = 5;

/** Indices of the grid cells whose centres lie within CUTOFF_SDS of m; empty (lo > hi) if none. */
function cellRange(m: number, s: number, lo: number, cellWidth: number, size: number): [number, number] {
  const first = Math.max(0, Math.ceil((m - CUTOFF_SDS * s - lo) / cellWidth - 0.5));
  const last = Math.min(size - 1, Math.floor((m + CUTOFF_SDS * s - lo) / cellWidth - 0.5));
  return [first, last];
}

/** Density of N(0, I) in two dims at radius r: the level whose contour is the prior's r-sigma circle. */
export function priorDensityAtRadius(r: number): number {
  return normalDensity(r) * normalDensity(0);
}

/** q(z) at one point (zx, zy) in dims (dimX, dimY), summed directly: the reference for the grid. */
export function aggregateDensityAt(codes: TestCodes, dimX: number, dimY: number, zx: number, zy: number): number {
  const d = codes.latentDim;
  let sum = 0;
  for (let i = 0; i < codes.count; i++) {
    const lvx = codes.logVar[i * d + dimX] ?? 0;
    const lvy = codes.logVar[i * d + dimY] ?? 0;
    // A diagonal Gaussian: the product of its two one-dimensional densities.
    sum += Math.exp(normalLogDensity(zx, codes.mu[i * d + dimX] ?? 0, Math.exp(lvx / 2)) + normalLogDensity(zy, codes.mu[i * d + dimY] ?? 0, Math.exp(lvy / 2)));
  }
  return codes.count > 0 ? sum / codes.count : 0;
}

export function aggregateDensityGrid(codes: TestCodes, dimX: number, dimY: number, domain: Domain, size: number): DensityGrid {
  const [lo, hi] = domain;
  const cellWidth = (hi - lo) / size;
  const centre = (i: number) => lo + (i + 0.5) * cellWidth;
  const n = codes.count;
  const d = codes.latentDim;
  const values = new Float64Array(size * size);
  const fx = new Float64Array(size);
  const fy = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    const lvx = codes.logVar[i * d + dimX] ?? 0;
    const lvy = codes.logVar[i * d + dimY] ?? 0;
    const mx = codes.mu[i * d + dimX] ?? 0;
    const my = codes.mu[i * d + dimY] ?? 0;
    const sx = Math.exp(lvx / 2);
    const sy = Math.exp(lvy / 2);
    // Only cells within CUTOFF_SDS of the component's centre get its mass (it is < 4e-6 of the
    // peak beyond), so a trained model's narrow clouds cost a few cells each, not the whole grid.
    const [x0, x1] = cellRange(mx, sx, lo, cellWidth, size);
    const [y0, y1] = cellRange(my, sy, lo, cellWidth, size);
    for (let g = x0; g <= x1; g++) fx[g] = normalDensity(centre(g), mx, sx);
    for (let g = y0; g <= y1; g++) fy[g] = normalDensity(centre(g), my, sy);
    for (let gy = y0; gy <= y1; gy++) {
      const b = fy[gy] ?? 0;
      const row = gy * size;
      for (let gx = x0; gx <= x1; gx++) values[row + gx] = (values[row + gx] ?? 0) + (fx[gx] ?? 0) * b;
    }
  }
  if (n > 0) for (let k = 0; k < values.length; k++) values[k] = (values[k] ?? 0) / n;
  return { size, domain, values, centre, cellWidth };
}
