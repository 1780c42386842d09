/**
 * The decoded manifold: an n x n grid of digits decoded from z placed at Gaussian quantiles, as in
 * the classic Keras VAE figure. Equal spacing in probability (not in z) gives each cell the same
 * prior mass, so the grid covers where the prior actually puts digits.
 */
import * as d3 from 'd3';
import { drawDigitGrid, type DigitStyle } from './digitCanvas';
import { inverseNormalCdf } from '../math/gaussian';

/** n evenly spaced values from start to stop inclusive (n = 1 gives the midpoint). */
export function linspace(start: number, stop: number, n: number): number[] {
  if (n <= 0) return [];
  if (n === 1) return [(start + stop) / 2];
  const step = (stop - start) / (n - 1);
  return Array.from({ length: n }, (_, i) => start + i * step);
}

/** z values of the grid's columns: Phi^-1 of linspace(0.5 - span/2, 0.5 + span/2, n). */
export function gaussianGridValues(n: number, span = 0.9): number[] {
  if (!(span > 0 && span < 1)) throw new RangeError(`span must be in (0, 1), got ${span}`);
  return linspace(0.5 - span / 2, 0.5 + span / 2, n).map(inverseNormalCdf);
}

/**
 * z for each cell of an n x n grid, row-major, row 0 at the top. Columns sweep dimension dimX
 * upward left to right; rows sweep dimY downward top to bottom, so the picture has the same
 * orientation as the latent map (y up). Every other dimension is taken from `base` (default 0).
 *
 * @param span central prior mass covered: 0.9 means quantiles 0.05 .. 0.95.
 */
export function gaussianGridCodes(
  n: number,
  latentDim: number,
  dimX: number,
  dimY: number,
  span = 0.9,
  base?: ArrayLike<number>,
): Float32Array[] {
  checkDim(dimX, latentDim);
  checkDim(dimY, latentDim);
  const values = gaussianGridValues(n, span);
  const codes: Float32Array[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const z = new Float32Array(latentDim);
      if (base) for (let d = 0; d < latentDim; d++) z[d] = base[d] ?? 0;
      z[dimX] = values[col] ?? 0;
      // With latentDim = 1 both dims are 0 and the columns win: a 1-D sweep repeated per row.
      if (dimY !== dimX) z[dimY] = values[n - 1 - row] ?? 0;
      codes.push(z);
    }
  }
  return codes;
}

function checkDim(dim: number, latentDim: number): void {
  if (!Number.isInteger(dim) || dim < 0 || dim >= latentDim) {
    throw new RangeError(`latent dimension ${dim} out of range for latentDim ${latentDim}`);
  }
}

export type DecodeFn = (z: Float32Array) => ArrayLike<number>;

export interface ManifoldGridOptions extends DigitStyle {
  /** Cells per side (default 15). */
  n?: number;
  dimX?: number;
  dimY?: number;
  /** Central prior mass covered (default 0.9). */
  span?: number;
  /** Displayed width and height of the square grid in CSS px (default 420). */
  sizePx?: number;
  /** Tick labels of z along the bottom and left edges (default true). */
  showAxes?: boolean;
  /** Label for a latent dimension (default z1, z2, ... counting from 1). */
  dimLabel?: (dim: number) => string;
}

export interface ManifoldGridData {
  latentDim: number;
  decode: DecodeFn;
  /** Values for the dimensions not swept (CVAE class mean, a chosen z); default all 0. */
  base?: ArrayLike<number>;
}

const AXIS_GUTTER_PX = 34;

/** Canvas of decoded digits with an SVG gutter of z ticks. Holds no model state: decode is passed in. */
export class ManifoldGrid {
  private readonly root: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private options: Required<Omit<ManifoldGridOptions, 'colors' | 'polarity'>> & DigitStyle;
  /** The z of every cell from the last update, row-major. */
  codes: Float32Array[] = [];

  constructor(root: HTMLElement, options: ManifoldGridOptions = {}) {
    this.root = root;
    this.options = {
      n: 15,
      dimX: 0,
      dimY: 1,
      span: 0.9,
      sizePx: 420,
      showAxes: true,
      dimLabel: (d) => `z${d + 1}`,
      ...options,
    };
    if (!root.style.position) root.style.position = 'relative';
    this.canvas = root.ownerDocument.createElement('canvas');
    this.canvas.dataset.role = 'manifold-canvas';
    this.canvas.style.position = 'absolute';
    root.appendChild(this.canvas);
    this.svg = d3.select(root).append('svg').attr('data-role', 'manifold-axes').style('position', 'absolute').style('left', '0').style('top', '0').style('pointer-events', 'none');
  }

  setOptions(options: Partial<ManifoldGridOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** Decodes n*n codes and redraws. Returns false if the canvas had no 2D context. */
  update(data: ManifoldGridData): boolean {
    const { n, dimX, dimY, span, sizePx, showAxes } = this.options;
    this.codes = gaussianGridCodes(n, data.latentDim, dimX, dimY, span, data.base);
    const gutter = showAxes ? AXIS_GUTTER_PX : 0;
    this.root.style.width = `${sizePx + gutter}px`;
    this.root.style.height = `${sizePx + gutter}px`;
    this.canvas.style.left = `${gutter}px`;
    this.canvas.style.top = '0';
    this.canvas.style.width = `${sizePx}px`;
    this.canvas.style.height = `${sizePx}px`;
    const codes = this.codes;
    const drawn = drawDigitGrid(this.canvas, (i) => {
      const z = codes[i];
      return z ? data.decode(z) : null;
    }, { ...this.options, rows: n, cols: n, gapSourcePx: 0, scale: Math.max(1, Math.round((sizePx * devicePixelRatioOf(this.root)) / (n * 28))) });
    this.renderAxes(gutter);
    return drawn;
  }

  private renderAxes(gutter: number): void {
    const { n, dimX, dimY, span, sizePx, showAxes, dimLabel } = this.options;
    this.svg.selectAll('*').remove();
    if (!showAxes) {
      this.svg.attr('width', 0).attr('height', 0);
      return;
    }
    this.svg.attr('width', sizePx + gutter).attr('height', sizePx + gutter);
    const values = gaussianGridValues(n, span);
    const cell = sizePx / n;
    const format = d3.format('.1f');
    const picked = labelledCells(n, 7).map((i) => ({ i, v: values[i] ?? NaN }));
    const bottom = this.svg.append('g').attr('data-role', 'x-ticks').attr('transform', `translate(${gutter},${sizePx})`);
    bottom.selectAll('text').data(picked).join('text').attr('x', (d) => (d.i + 0.5) * cell).attr('y', 14).attr('text-anchor', 'middle').attr('font-size', 10).text((d) => format(d.v));
    bottom.append('text').attr('data-role', 'x-label').attr('x', sizePx / 2).attr('y', 28).attr('text-anchor', 'middle').attr('font-size', 11).text(dimLabel(dimX));
    const left = this.svg.append('g').attr('data-role', 'y-ticks');
    left.selectAll('text').data(picked).join('text').attr('x', gutter - 4).attr('y', (d) => (n - 1 - d.i + 0.5) * cell + 3).attr('text-anchor', 'end').attr('font-size', 10).text((d) => format(d.v));
    left.append('text').attr('data-role', 'y-label').attr('transform', `translate(10,${sizePx / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('font-size', 11).text(dimLabel(dimY));
  }

  destroy(): void {
    this.canvas.remove();
    this.svg.remove();
  }
}

/**
 * Cells to label: every k-th cell counted in from both ends, so labels mirror the grid's symmetry
 * about z = 0 (+-1.6, +-1.1, ...) and never crowd at one end. k keeps the count near maxLabels.
 */
export function labelledCells(n: number, maxLabels: number): number[] {
  if (n <= 0) return [];
  const k = Math.max(1, Math.ceil((n - 1) / Math.max(1, maxLabels - 1)));
  const cells = new Set<number>();
  for (let i = 0; i <= (n - 1) / 2; i += k) {
    cells.add(i);
    cells.add(n - 1 - i);
  }
  return [...cells].sort((a, b) => a - b);
}

function devicePixelRatioOf(el: HTMLElement): number {
  return el.ownerDocument.defaultView?.devicePixelRatio ?? 1;
}
