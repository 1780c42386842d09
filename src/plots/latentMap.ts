/**
 * The latent map: held-out digits at their posterior mean, coloured by class. Points go on a canvas
 * (thousands, redrawn live); axes, legend and overlays go on an SVG above it, where they stay crisp,
 * testable and clickable. The map owns no training state: the caller pushes codes and overlays in.
 */
import * as d3 from 'd3';
import type { TestCodes } from '../shared/types';
import { NUM_CLASSES } from '../shared/types';
import { aggregateDensityGrid, priorDensityAtRadius, type DensityGrid } from './aggregatePosterior';
import { CodeIndex, DIGIT_COLORS, digitColor, latentDomain, posteriorRadius, projectCodes, type Domain } from './latentGeometry';
import { drawLatentPoints } from './latentPoints';

export interface LatentMapOptions {
  /** Whole figure in CSS px (default 480 x 500); the plot is the largest square that fits. */
  width?: number;
  height?: number;
  dimX?: number;
  dimY?: number;
  /** Window of z shown on both axes (default [-4, 4]). */
  domain?: Domain;
  /** Widen the window in whole units when codes fall outside it (default true). */
  autoExtend?: boolean;
  /** Limit of auto-extension, in latent units (default 20). */
  maxAbsDomain?: number;
  pointRadiusPx?: number;
  pointOpacity?: number;
  /** How close, in CSS px, the pointer must be to a point to hover or select it (default 10). */
  hoverRadiusPx?: number;
  /** Axis label of a latent dimension (default z1, z2, ... counting from 1). */
  dimLabel?: (dim: number) => string;
  onHover?: (index: number | null, clientX: number, clientY: number) => void;
  onSelect?: (index: number | null) => void;
  /** Dragging the current-z marker reports its new values on dimX and dimY. */
  onCurrentZChange?: (zx: number, zy: number) => void;
}

export interface LatentMapData {
  codes: TestCodes;
  /** Digit class of each code (0..9). */
  labels: Uint8Array;
}

/** A posterior to outline besides the selected test digit, e.g. the digit the reader drew. */
export interface ExtraPosterior {
  mu: ArrayLike<number>;
  logVar: ArrayLike<number>;
  color?: string;
  label?: string;
}

export interface LatentMapOverlays {
  selectedIndex: number | null;
  extraPosteriors: ExtraPosterior[];
  /** CVAE class means mu^Y, 10 x latentDim, or null. */
  classMeans: Float32Array | null;
  /** Full latent vector; the marker shows its dimX and dimY values. */
  currentZ: ArrayLike<number> | null;
  /**
   * Contours of the aggregate posterior q(z) (the mean of all codes' N(mu, sigma^2)) at the
   * prior's 1- and 2-sigma density levels, with the prior's circles: they coincide when q(z) = N(0, I).
   */
  aggregate?: boolean;
}

type ResolvedOptions = Required<Omit<LatentMapOptions, 'onHover' | 'onSelect' | 'onCurrentZChange'>> &
  Pick<LatentMapOptions, 'onHover' | 'onSelect' | 'onCurrentZChange'>;

const MARGIN = { top: 28, right: 12, bottom: 36, left: 40 };
const SIGMAS = [1, 2] as const;
/** Cells per side of the aggregate-posterior grid: smooth enough contours at 520 px for a small main-thread cost. */
const AGGREGATE_GRID = 48;
const AGGREGATE_COLOR = '#44337a';
let clipIds = 0;

export class LatentMap {
  private readonly root: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly plot: d3.Selection<SVGGElement, unknown, null, undefined>;
  private readonly overlay: d3.Selection<SVGGElement, unknown, null, undefined>;
  private readonly aggregateLayer: d3.Selection<SVGGElement, unknown, null, undefined>;
  private aggregateGrid: { key: unknown[]; grid: DensityGrid } | null = null;
  /** Time the last aggregate-posterior grid took, ms (0 until one is computed). */
  aggregateMs = 0;
  private readonly hitArea: d3.Selection<SVGRectElement, unknown, null, undefined>;
  private options: ResolvedOptions;
  private data: LatentMapData | null = null;
  private overlays: LatentMapOverlays = { selectedIndex: null, extraPosteriors: [], classMeans: null, currentZ: null };
  private index: CodeIndex | null = null;
  private hovered: number | null = null;
  private dragging = false;
  /** Latent -> CSS px within the plot square. Shared by x and y so circles stay circles. */
  x = d3.scaleLinear();
  y = d3.scaleLinear();
  /** Points drawn on the last canvas repaint (0 when the canvas has no 2D context). */
  pointsDrawn = 0;

  constructor(root: HTMLElement, options: LatentMapOptions = {}) {
    this.root = root;
    this.options = {
      width: 480,
      height: 500,
      dimX: 0,
      dimY: 1,
      domain: [-4, 4],
      autoExtend: true,
      maxAbsDomain: 20,
      pointRadiusPx: 1.8,
      pointOpacity: 0.75,
      hoverRadiusPx: 10,
      dimLabel: (d) => `z${d + 1}`,
      ...options,
    };
    if (!root.style.position) root.style.position = 'relative';
    const doc = root.ownerDocument;
    this.canvas = doc.createElement('canvas');
    this.canvas.dataset.role = 'points';
    Object.assign(this.canvas.style, { position: 'absolute', left: `${MARGIN.left}px`, top: `${MARGIN.top}px`, pointerEvents: 'none' });
    root.appendChild(this.canvas);

    this.svg = d3.select(root).append('svg').attr('data-role', 'latent-svg').style('position', 'absolute').style('left', '0').style('top', '0');
    const clipId = `latent-map-clip-${++clipIds}`;
    this.svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
    this.svg.append('g').attr('data-role', 'legend').attr('transform', `translate(${MARGIN.left},12)`);
    this.plot = this.svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    this.plot.append('g').attr('data-role', 'x-axis');
    this.plot.append('g').attr('data-role', 'y-axis');
    this.plot.append('text').attr('data-role', 'x-label').attr('text-anchor', 'middle').attr('font-size', 12);
    this.plot.append('text').attr('data-role', 'y-label').attr('text-anchor', 'middle').attr('font-size', 12);
    this.hitArea = this.plot.append('rect').attr('data-role', 'hit-area').attr('fill', 'transparent');
    this.aggregateLayer = this.plot.append('g').attr('data-role', 'aggregate-layer').attr('clip-path', `url(#${clipId})`).attr('pointer-events', 'none');
    this.overlay = this.plot.append('g').attr('data-role', 'overlays').attr('clip-path', `url(#${clipId})`);
    this.renderLegend();

    this.hitArea.on('click', (event: MouseEvent) => {
      const index = this.pickAt(event.clientX, event.clientY);
      this.options.onSelect?.(index);
    });
    this.svg.on('pointermove', (event: PointerEvent) => this.onPointerMove(event));
    this.svg.on('pointerleave', (event: PointerEvent) => {
      if (this.dragging) return;
      if (this.hovered !== null) this.options.onHover?.(null, event.clientX, event.clientY);
      this.hovered = null;
    });
    this.svg.on('pointerup pointercancel', () => {
      this.dragging = false;
    });
    this.layout();
  }

  update(data: LatentMapData): void {
    this.data = data;
    this.index = null;
    this.render();
  }

  setOverlays(overlays: Partial<LatentMapOverlays>): void {
    this.overlays = { ...this.overlays, ...overlays };
    this.renderOverlays();
  }

  setOptions(options: Partial<LatentMapOptions>): void {
    const dimsChanged = (options.dimX ?? this.options.dimX) !== this.options.dimX || (options.dimY ?? this.options.dimY) !== this.options.dimY;
    this.options = { ...this.options, ...options };
    if (dimsChanged) this.index = null;
    this.layout();
    this.render();
  }

  /** Index of the code nearest to a client point within hoverRadiusPx, or null. */
  pickAt(clientX: number, clientY: number): number | null {
    if (!this.data) return null;
    const [px, py] = this.localPoint(clientX, clientY);
    this.index ??= new CodeIndex(this.data.codes, this.options.dimX, this.options.dimY);
    const unitsPerPx = Math.abs(this.x.invert(1) - this.x.invert(0));
    return this.index.nearest(this.x.invert(px), this.y.invert(py), this.options.hoverRadiusPx * unitsPerPx);
  }

  destroy(): void {
    this.canvas.remove();
    this.svg.remove();
  }

  private get side(): number {
    const { width, height } = this.options;
    return Math.max(20, Math.min(width - MARGIN.left - MARGIN.right, height - MARGIN.top - MARGIN.bottom));
  }

  private localPoint(clientX: number, clientY: number): [number, number] {
    const rect = (this.hitArea.node() as SVGRectElement).getBoundingClientRect();
    return [clientX - rect.left, clientY - rect.top];
  }

  private layout(): void {
    const { width, height } = this.options;
    const side = this.side;
    this.root.style.width = `${width}px`;
    this.root.style.height = `${height}px`;
    this.svg.attr('width', width).attr('height', height);
    this.svg.select('clipPath rect').attr('width', side).attr('height', side);
    this.hitArea.attr('width', side).attr('height', side);
    const ratio = this.root.ownerDocument.defaultView?.devicePixelRatio ?? 1;
    this.canvas.width = Math.round(side * ratio);
    this.canvas.height = Math.round(side * ratio);
    this.canvas.style.width = `${side}px`;
    this.canvas.style.height = `${side}px`;
  }

  private render(): void {
    const { dimX, dimY, dimLabel } = this.options;
    const side = this.side;
    const domain = this.data
      ? latentDomain(this.data.codes, dimX, dimY, { fixed: this.options.domain, autoExtend: this.options.autoExtend, maxAbs: this.options.maxAbsDomain })
      : this.options.domain;
    this.x = d3.scaleLinear().domain(domain).range([0, side]);
    this.y = d3.scaleLinear().domain(domain).range([side, 0]);
    const ticks = Math.max(2, Math.floor(side / 60));
    this.plot.select<SVGGElement>('[data-role="x-axis"]').attr('transform', `translate(0,${side})`).call(d3.axisBottom(this.x).ticks(ticks));
    this.plot.select<SVGGElement>('[data-role="y-axis"]').call(d3.axisLeft(this.y).ticks(ticks));
    this.plot.select('[data-role="x-label"]').attr('x', side / 2).attr('y', side + 32).text(dimLabel(dimX));
    this.plot.select('[data-role="y-label"]').attr('transform', `translate(-30,${side / 2}) rotate(-90)`).text(dimLabel(dimY));
    this.paintPoints();
    this.renderOverlays();
  }

  private paintPoints(): void {
    this.pointsDrawn = 0;
    const ctx = this.canvas.getContext('2d');
    if (!ctx || !this.data) return;
    const { codes, labels } = this.data;
    const xy = projectCodes(codes, this.options.dimX, this.options.dimY, this.x, this.y);
    const ratio = this.canvas.width / Math.max(1, this.side);
    this.pointsDrawn = drawLatentPoints(ctx, xy, labels, {
      radiusPx: this.options.pointRadiusPx,
      opacity: this.options.pointOpacity,
      pixelRatio: ratio,
      widthPx: this.side,
      heightPx: this.side,
    });
  }

  private renderLegend(): void {
    const items = this.svg
      .select<SVGGElement>('[data-role="legend"]')
      .selectAll<SVGGElement, number>('g[data-role="legend-item"]')
      .data(d3.range(NUM_CLASSES))
      .join('g')
      .attr('data-role', 'legend-item')
      .attr('data-digit', (d) => d)
      .attr('transform', (d) => `translate(${d * 26},0)`);
    items.append('circle').attr('r', 4.5).attr('fill', (d) => DIGIT_COLORS[d] ?? '#999');
    items.append('text').attr('x', 7).attr('dy', '0.32em').attr('font-size', 11).text((d) => String(d));
  }

  /** The grid is cached per (codes, dims, domain), so overlay-only redraws (a drag) reuse it. */
  private renderAggregate(): void {
    const layer = this.aggregateLayer;
    const data = this.data;
    if (!this.overlays.aggregate) {
      layer.selectAll('*').remove();
      return;
    }
    const { dimX, dimY } = this.options;
    const domain = this.x.domain() as [number, number];
    // Prior circles: the contours of N(0, I) at the levels used below.
    layer
      .selectAll<SVGCircleElement, number>('circle[data-role="prior-circle"]')
      .data(SIGMAS)
      .join('circle')
      .attr('data-role', 'prior-circle')
      .attr('data-sigma', (k) => k)
      .attr('cx', this.x(0))
      .attr('cy', this.y(0))
      .attr('r', (k) => Math.abs(this.x(k) - this.x(0)))
      .attr('fill', 'none')
      .attr('stroke', '#1a202c')
      .attr('stroke-width', 1.25)
      .attr('stroke-dasharray', '2 3');
    if (!data) {
      layer.selectAll('path[data-role="aggregate-contour"]').remove();
      return;
    }
    const key = [data.codes, dimX, dimY, domain[0], domain[1]];
    if (!this.aggregateGrid || this.aggregateGrid.key.some((k, i) => k !== key[i])) {
      const t0 = performance.now();
      const grid = aggregateDensityGrid(data.codes, dimX, dimY, domain, AGGREGATE_GRID);
      this.aggregateMs = performance.now() - t0;
      this.aggregateGrid = { key, grid };
      layer.attr('data-ms', this.aggregateMs.toFixed(2)); // read by the browser check that times it
    }
    const { grid } = this.aggregateGrid;
    const toLatent = (c: number) => grid.domain[0] + c * grid.cellWidth;
    const x = this.x;
    const y = this.y;
    const path = d3.geoPath(d3.geoTransform({
      point(px: number, py: number) {
        this.stream.point(x(toLatent(px)), y(toLatent(py)));
      },
    }));
    const levels = SIGMAS.map((k) => ({ k, level: priorDensityAtRadius(k) }));
    const contour = d3.contours().size([grid.size, grid.size]);
    layer
      .selectAll<SVGPathElement, (typeof levels)[number]>('path[data-role="aggregate-contour"]')
      .data(levels)
      .join('path')
      .attr('data-role', 'aggregate-contour')
      .attr('data-sigma', (l) => l.k)
      .attr('fill', AGGREGATE_COLOR)
      .attr('fill-opacity', 0.06)
      .attr('stroke', AGGREGATE_COLOR)
      .attr('stroke-width', (l) => (l.k === 1 ? 2 : 1.5))
      .attr('d', (l) => path(contour.contour(grid.values as unknown as number[], l.level)) ?? '');
  }

  private renderOverlays(): void {
    this.renderAggregate();
    const { dimX, dimY } = this.options;
    const g = this.overlay;
    g.selectAll('*').remove();
    const { selectedIndex, extraPosteriors, classMeans, currentZ } = this.overlays;
    const data = this.data;

    if (data && selectedIndex !== null && selectedIndex >= 0 && selectedIndex < data.codes.count) {
      const { codes, labels } = data;
      const at = (a: Float32Array, d: number) => a[selectedIndex * codes.latentDim + d] ?? NaN;
      this.drawPosterior('selected', [at(codes.mu, dimX), at(codes.mu, dimY)], [at(codes.logVar, dimX), at(codes.logVar, dimY)], digitColor(labels[selectedIndex]));
    }
    extraPosteriors.forEach((p, i) => {
      const color = p.color ?? '#111111';
      const group = this.drawPosterior(`extra-${i}`, [p.mu[dimX] ?? NaN, p.mu[dimY] ?? NaN], [p.logVar[dimX] ?? NaN, p.logVar[dimY] ?? NaN], color);
      if (group && p.label) group.append('text').attr('data-role', 'extra-label').attr('x', this.x(p.mu[dimX] ?? 0) + 7).attr('y', this.y(p.mu[dimY] ?? 0) - 7).attr('font-size', 11).attr('fill', color).text(p.label);
    });

    if (classMeans) {
      const latentDim = classMeans.length / NUM_CLASSES;
      for (let digit = 0; digit < NUM_CLASSES; digit++) {
        const mx = classMeans[digit * latentDim + dimX] ?? NaN;
        const my = classMeans[digit * latentDim + dimY] ?? NaN;
        if (!Number.isFinite(mx) || !Number.isFinite(my)) continue;
        const mark = g.append('g').attr('data-role', 'class-mean').attr('data-digit', digit).attr('transform', `translate(${this.x(mx)},${this.y(my)})`);
        mark.append('rect').attr('x', -7).attr('y', -7).attr('width', 14).attr('height', 14).attr('rx', 2).attr('fill', digitColor(digit)).attr('stroke', '#fff').attr('stroke-width', 1.5);
        mark.append('text').attr('text-anchor', 'middle').attr('dy', '0.35em').attr('font-size', 10).attr('font-weight', 'bold').attr('fill', '#fff').text(String(digit));
      }
    }

    if (currentZ) this.drawCurrentZ(currentZ[dimX] ?? NaN, currentZ[dimY] ?? NaN);
  }

  /** 1- and 2-sigma contours of N(mu, diag(exp(logVar))) in the shown plane, plus its centre. */
  private drawPosterior(item: string, mu: [number, number], logVar: [number, number], color: string): d3.Selection<SVGGElement, unknown, null, undefined> | null {
    if (![...mu, ...logVar].every(Number.isFinite)) return null;
    const group = this.overlay.append('g').attr('data-role', 'posterior').attr('data-item', item);
    const cx = this.x(mu[0]);
    const cy = this.y(mu[1]);
    const pxPerUnitX = Math.abs(this.x(1) - this.x(0));
    const pxPerUnitY = Math.abs(this.y(1) - this.y(0));
    for (const k of SIGMAS) {
      group
        .append('ellipse')
        .attr('data-role', `posterior-${k}sigma`)
        .attr('cx', cx)
        .attr('cy', cy)
        .attr('rx', posteriorRadius(logVar[0], k) * pxPerUnitX)
        .attr('ry', posteriorRadius(logVar[1], k) * pxPerUnitY)
        .attr('fill', k === 1 ? color : 'none')
        .attr('fill-opacity', 0.12)
        .attr('stroke', color)
        .attr('stroke-width', 1.5)
        .attr('stroke-dasharray', k === 2 ? '4 3' : null)
        .attr('pointer-events', 'none');
    }
    group.append('circle').attr('data-role', 'posterior-mean').attr('cx', cx).attr('cy', cy).attr('r', 4).attr('fill', color).attr('stroke', '#fff').attr('stroke-width', 1.5).attr('pointer-events', 'none');
    return group;
  }

  private drawCurrentZ(zx: number, zy: number): void {
    if (!Number.isFinite(zx) || !Number.isFinite(zy)) return;
    const marker = this.overlay.append('g').attr('data-role', 'current-z').attr('transform', `translate(${this.x(zx)},${this.y(zy)})`).style('cursor', this.options.onCurrentZChange ? 'move' : 'default');
    marker.append('circle').attr('r', 8).attr('fill', 'rgba(255,255,255,0.6)').attr('stroke', '#111').attr('stroke-width', 2);
    marker.append('path').attr('d', 'M-12,0H-4M4,0H12M0,-12V-4M0,4V12').attr('stroke', '#111').attr('stroke-width', 2);
    if (!this.options.onCurrentZChange) {
      marker.attr('pointer-events', 'none');
      return;
    }
    marker.on('pointerdown', (event: PointerEvent) => {
      this.dragging = true;
      event.stopPropagation();
      const el = event.currentTarget as Element;
      // Capture keeps the drag alive when the pointer outruns the marker; jsdom lacks it.
      if (typeof el.setPointerCapture === 'function' && event.pointerId !== undefined) el.setPointerCapture(event.pointerId);
    });
  }

  private onPointerMove(event: PointerEvent): void {
    if (this.dragging) {
      const [px, py] = this.localPoint(event.clientX, event.clientY);
      const [lo, hi] = this.x.domain() as [number, number];
      const clamp = (v: number) => Math.min(hi, Math.max(lo, v));
      const zx = clamp(this.x.invert(px));
      const zy = clamp(this.y.invert(py));
      this.overlay.select('[data-role="current-z"]').attr('transform', `translate(${this.x(zx)},${this.y(zy)})`);
      this.options.onCurrentZChange?.(zx, zy);
      return;
    }
    const index = this.pickAt(event.clientX, event.clientY);
    // Report every move over a point (the tooltip follows the pointer) but only the first miss.
    if (index !== null || this.hovered !== null) this.options.onHover?.(index, event.clientX, event.clientY);
    this.hovered = index;
  }
}
