/**
 * The shared frame of the toy-figure renderers (gradient estimators, KL calculator, KL fit):
 * an SVG sized to its container's width, so text stays readable at phone width instead of a
 * fixed viewBox shrinking it. The plot's owner follows resizes (usePlot's one observer) and calls
 * the plot's containerResized(), which re-lays the frame out when widthChanged().
 */
// d3 declares itself side-effect free, so a bundle drops d3-transition's patch of
// selection.prototype (.transition(), .interrupt()) unless this module imports it itself.
import 'd3-transition';
import * as d3 from 'd3';

export const TOY_COLORS = {
  /** p: the target / first distribution. */
  p: '#2b6cb0',
  /** q: the approximation / second distribution. */
  q: '#dd6b20',
  reparam: '#2f855a',
  score: '#b83280',
  truth: '#1a202c',
  infinite: '#c53030',
  muted: '#718096',
} as const;

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface ToyFrameOptions {
  /** Fixed width in px; when absent the container's width is used (fallback 560). */
  width?: number;
  /** Height as a fraction of width, clamped to [minHeight, maxHeight]. */
  aspect: number;
  minHeight: number;
  maxHeight: number;
  margin: Margin;
  /** Accessible name of the figure. */
  label: string;
}

/** One filled density of densityAreas: its values on the shared grid. */
export interface DensityCurve {
  key: string;
  values: readonly number[];
  color: string;
  /** stroke-dasharray, or null for a solid line. */
  dash: string | null;
}

export interface FrameSize {
  width: number;
  height: number;
  innerWidth: number;
  innerHeight: number;
}

const FALLBACK_WIDTH = 560;
let nextId = 0;

/** A document-unique id prefix, for <pattern>/<clipPath> ids when a page shows a figure twice. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

export class ToyFrame {
  readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  /** The plotting area, translated by the margin. */
  readonly plot: d3.Selection<SVGGElement, unknown, null, undefined>;
  private readonly root: HTMLElement;
  private readonly options: ToyFrameOptions;
  private lastWidth = 0;

  constructor(root: HTMLElement, options: ToyFrameOptions) {
    this.root = root;
    this.options = options;
    this.svg = d3
      .select(root)
      .append('svg')
      .attr('role', 'img')
      .attr('aria-label', options.label)
      .style('display', 'block')
      .style('max-width', '100%')
      .style('overflow', 'visible')
      .style('font', '12px system-ui, sans-serif');
    this.plot = this.svg.append('g').attr('data-role', 'plot-area');
  }

  /** True when the container is a pixel or more wider or narrower than at the last layout(). */
  widthChanged(): boolean {
    return Math.abs(this.measureWidth() - this.lastWidth) >= 1;
  }

  private measureWidth(): number {
    return this.options.width ?? (this.root.clientWidth > 0 ? this.root.clientWidth : FALLBACK_WIDTH);
  }

  /** Sizes the SVG for the current container width and returns the layout. */
  layout(): FrameSize {
    const { aspect, minHeight, maxHeight, margin } = this.options;
    const width = this.measureWidth();
    this.lastWidth = width;
    const height = Math.round(Math.min(maxHeight, Math.max(minHeight, width * aspect)));
    this.svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    this.plot.attr('transform', `translate(${margin.left},${margin.top})`);
    return {
      width,
      height,
      innerWidth: Math.max(10, width - margin.left - margin.right),
      innerHeight: Math.max(10, height - margin.top - margin.bottom),
    };
  }

  /** The bottom axis every toy plot shares, one tick per `pxPerTick` pixels (at least 3). */
  xAxis(x: d3.ScaleLinear<number, number>, innerWidth: number, innerHeight: number, pxPerTick: number): void {
    this.plot
      .selectAll<SVGGElement, number>('g[data-role="x-axis"]')
      .data([0])
      .join('g')
      .attr('data-role', 'x-axis')
      .attr('transform', `translate(0,${innerHeight})`)
      .call(d3.axisBottom(x).ticks(Math.max(3, Math.floor(innerWidth / pxPerTick))));
  }

  /** The left axis, with `ticks` ticks. */
  yAxis(y: d3.ScaleLinear<number, number>, ticks = 4): void {
    this.plot.selectAll<SVGGElement, number>('g[data-role="y-axis"]').data([0]).join('g').attr('data-role', 'y-axis').call(d3.axisLeft(y).ticks(ticks));
  }

  /** The x axis's name at its right end, just above it; `role` is its data-role (a test hook). */
  axisName(role: string, name: string, innerWidth: number, innerHeight: number): void {
    this.plot
      .selectAll<SVGTextElement, number>(`text[data-role="${role}"]`)
      .data([0])
      .join('text')
      .attr('data-role', role)
      .attr('x', innerWidth)
      .attr('y', innerHeight - 4)
      .attr('text-anchor', 'end')
      .attr('fill', TOY_COLORS.muted)
      .text(name);
  }

  /**
   * Filled densities over the grid `xs` (one `path[data-role="density"]` per curve, keyed, with
   * data-dist = its key), drawn from the x axis up.
   */
  densityAreas(curves: readonly DensityCurve[], xs: readonly number[], x: (v: number) => number, y: (v: number) => number, innerHeight: number, fillOpacity: number): void {
    this.plot
      .selectAll<SVGPathElement, DensityCurve>('path[data-role="density"]')
      .data(curves, (c) => c.key)
      .join('path')
      .attr('data-role', 'density')
      .attr('data-dist', (c) => c.key)
      .attr('fill', (c) => c.color)
      .attr('fill-opacity', fillOpacity)
      .attr('stroke', (c) => c.color)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', (c) => c.dash)
      .attr('d', (c) => d3.area<number>().x((v) => x(v)).y0(innerHeight).y1((_, i) => y(c.values[i] ?? 0))(xs));
  }

  setLabel(label: string): void {
    this.svg.attr('aria-label', label);
  }

  destroy(): void {
    this.svg.interrupt();
    this.svg.selectAll('*').interrupt();
    this.svg.remove();
  }
}

/** Formats a number for labels with a real minus sign. */
export const formatNumber = d3.format('.3~g');

/** Evenly spaced samples on [lo, hi] plus extra points (e.g. a uniform's edges), sorted. */
export function sampleGrid(lo: number, hi: number, count: number, extra: readonly number[] = []): number[] {
  const xs = d3.range(count).map((i) => lo + ((hi - lo) * i) / (count - 1));
  for (const e of extra) if (e > lo && e < hi) xs.push(e);
  return xs.sort((a, b) => a - b);
}
