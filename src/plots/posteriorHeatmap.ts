/**
 * The true posterior p(z|x) of one digit as a heat map on a canvas, with contours of the
 * regions holding 50%, 90% and 99% of its mass, and SVG ellipses for the encoder's q (1 and 2
 * sigma) and the best single Gaussian. The caller pushes a finished analysis in; nothing here
 * knows about training.
 */
import * as d3 from 'd3';
import type { PlaneGaussian, PosteriorAnalysis } from '../shared/types';

export const MASS_LEVELS = [0.5, 0.9, 0.99] as const;
const Q_COLOR = '#c2410c';
const BEST_COLOR = '#0f766e';

/**
 * Density thresholds t_k such that the cells with density >= t_k hold MASS_LEVELS[k] of the
 * raster's mass (highest-density regions). Equal cells, so mass is proportional to density.
 */
export function massThresholds(logDensity: Float32Array): number[] {
  const dens = Array.from(logDensity, (v) => (Number.isFinite(v) ? Math.exp(v) : 0)).sort((a, b) => b - a);
  const total = dens.reduce((s, v) => s + v, 0);
  if (!(total > 0)) return [];
  const out: number[] = [];
  let acc = 0;
  let k = 0;
  for (const v of dens) {
    acc += v;
    while (k < MASS_LEVELS.length && acc >= MASS_LEVELS[k]! * total) {
      out.push(v);
      k++;
    }
    if (k === MASS_LEVELS.length) break;
  }
  return out;
}

export class PosteriorHeatmap {
  private readonly canvas: HTMLCanvasElement;
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly raster = document.createElement('canvas');
  private size = 320;
  private last: PosteriorAnalysis | null = null;

  constructor(private readonly root: HTMLElement) {
    root.style.position = 'relative';
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'posterior-heat-canvas';
    root.appendChild(this.canvas);
    this.svg = d3.select(root).append('svg').attr('class', 'posterior-heat-overlay')
      .style('position', 'absolute').style('left', '0').style('top', '0');
    this.resize(this.size);
  }

  resize(size: number): void {
    this.size = Math.max(160, Math.round(size));
    const ratio = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
    this.canvas.width = Math.round(this.size * ratio);
    this.canvas.height = Math.round(this.size * ratio);
    this.canvas.style.width = `${this.size}px`;
    this.canvas.style.height = `${this.size}px`;
    this.svg.attr('width', this.size).attr('height', this.size).attr('viewBox', `0 0 ${this.size} ${this.size}`);
    if (this.last) this.update(this.last);
  }

  update(a: PosteriorAnalysis): void {
    this.last = a;
    const { side, logDensity, lo, hi } = a.heat;
    let max = -Infinity;
    for (const v of logDensity) if (v > max) max = v;
    this.paintRaster(logDensity, side, max);
    const s = this.size;
    const x = d3.scaleLinear().domain([lo[0], hi[0]]).range([0, s]);
    const y = d3.scaleLinear().domain([lo[1], hi[1]]).range([s, 0]);
    this.svg.selectAll('*').remove();
    // Contours on the raster's grid, mapped from cell units to pixels (and flipped like the image).
    const thresholds = massThresholds(logDensity);
    const dens = Array.from(logDensity, (v) => (Number.isFinite(v) ? Math.exp(v) : 0));
    const contours = d3.contours().size([side, side]).thresholds(thresholds)(dens);
    const path = d3.geoPath(d3.geoTransform({
      point(px, py) {
        this.stream.point((px / side) * s, s - (py / side) * s);
      },
    }));
    this.svg.append('g').attr('data-role', 'mass-contours').selectAll('path').data(contours).join('path')
      .attr('d', (c) => path(c) ?? '').attr('fill', 'none').attr('stroke', '#0b1f44').attr('stroke-opacity', 0.55)
      .attr('stroke-width', 1).attr('data-mass', (_c, i) => String(MASS_LEVELS[i] ?? ''));
    this.ellipses(a.q, Q_COLOR, 'q', x, y, [1, 2]);
    this.ellipses(a.best, BEST_COLOR, 'best', x, y, [1]);
    const fmt = d3.format('.2f');
    const label = (text: string, px: number, py: number, anchor: string) => this.svg.append('text').attr('x', px).attr('y', py)
      .attr('font-size', 11).attr('fill', '#0b1f44').attr('text-anchor', anchor).text(text);
    label(`z₁ ${fmt(lo[0])}`, 4, s - 4, 'start');
    label(`${fmt(hi[0])}`, s - 4, s - 4, 'end');
    label(`z₂ ${fmt(hi[1])}`, 4, 13, 'start');
  }

  /** Colour by density relative to the peak: the eye reads mass, not log-density. */
  private paintRaster(logDensity: Float32Array, side: number, max: number): void {
    this.raster.width = side;
    this.raster.height = side;
    const rctx = this.raster.getContext('2d');
    const ctx = this.canvas.getContext('2d');
    if (!rctx || !ctx) return; // no 2-D canvas (jsdom): the SVG layer still draws
    const image = rctx.createImageData(side, side);
    const color = d3.interpolateBlues;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const v = logDensity[r * side + c]!;
        const t = Number.isFinite(v) ? Math.exp(v - max) : 0;
        const rgb = d3.rgb(color(0.04 + 0.96 * t));
        // Row 0 is the lowest z2: flip so z2 grows upwards.
        const i = ((side - 1 - r) * side + c) * 4;
        image.data[i] = rgb.r;
        image.data[i + 1] = rgb.g;
        image.data[i + 2] = rgb.b;
        image.data[i + 3] = 255;
      }
    }
    rctx.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.raster, 0, 0, this.canvas.width, this.canvas.height);
  }

  private ellipses(g: PlaneGaussian, color: string, role: string, x: d3.ScaleLinear<number, number>, y: d3.ScaleLinear<number, number>, ks: number[]): void {
    const group = this.svg.append('g').attr('data-role', `ellipse-${role}`);
    for (const k of ks) {
      group.append('ellipse')
        .attr('cx', x(g.mu[0])).attr('cy', y(g.mu[1]))
        .attr('rx', Math.abs(x(k * Math.exp(0.5 * g.logVar[0])) - x(0)))
        .attr('ry', Math.abs(y(k * Math.exp(0.5 * g.logVar[1])) - y(0)))
        .attr('fill', 'none').attr('stroke', color).attr('stroke-width', 2)
        .attr('stroke-dasharray', k === 2 || role === 'best' ? '5 3' : null);
    }
  }

  destroy(): void {
    this.svg.remove();
    this.canvas.remove();
    this.last = null;
  }
}

export const HEATMAP_COLORS = { q: Q_COLOR, best: BEST_COLOR } as const;
