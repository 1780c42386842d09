/**
 * Training curves as an SVG line chart: total loss, reconstruction, KL, beta*KL (beta != 1) and the
 * sparse held-out -ELBO, in nats per digit unless the loss settings say otherwise. Lines are drawn from a decimated copy; the tooltip
 * always reads the exact, unsmoothed values of the nearest step.
 */
import * as d3 from 'd3';
import { KL_UNIT, lossUnits, type LossUnits } from '../shared/lossUnits';
import {
  buildLossSeries,
  decimateMinMax,
  nearestIndexByX,
  seriesKeys,
  seriesLabel,
  seriesValue,
  SERIES_COLORS,
  smoothEma,
  xOf,
  type LossPoint,
  type LossSeries,
  type LossSeriesKey,
  type LossXAxis,
} from './lossSeries';

export { smoothEma, decimateMinMax, nearestIndexByX, type LossPoint, type LossSeriesKey } from './lossSeries';

export interface LossChartOptions {
  width?: number;
  height?: number;
  xAxis?: LossXAxis;
  yScale?: 'linear' | 'log';
  /**
   * Smoothing weight in [0, 1): 0 draws raw values; 0.6 is light. The EMA alpha is 1 - smoothing.
   * When on, raw values stay visible as a faint line behind the smoothed one.
   */
  smoothing?: number;
  /** Vertices per line before decimation kicks in (default twice the plot width in px). */
  maxDrawPoints?: number;
  /** Units of the curves (they follow the loss type and pixel reduction); default nats per digit. */
  units?: LossUnits;
  /** The chart's words, from its React component in the reader's language; default English. */
  text?: LossChartText;
}

export interface LossChartText {
  xStep: string;
  xSeconds: string;
  seriesLabel: (key: LossSeriesKey, klWeight: number) => string;
  /** Tooltip header on the step axis. */
  stepHeader: (step: number) => string;
  /** Tooltip header on the seconds axis. */
  secondsHeader: (seconds: number, step: number) => string;
  /** Suffix of a held-out value measured at an earlier step. */
  olderStep: (step: number) => string;
  /** Unit of the KL and the held-out score, after a number. */
  klUnit: string;
}

export const ENGLISH_LOSS_CHART_TEXT: LossChartText = {
  xStep: 'training step',
  xSeconds: 'training time (s)',
  seriesLabel,
  stepHeader: (step) => `step ${d3.format(',')(step)}`,
  secondsHeader: (seconds, step) => `${d3.format('.1f')(seconds)} s (step ${d3.format(',')(step)})`,
  olderStep: (step) => ` (step ${d3.format(',')(step)})`,
  klUnit: KL_UNIT,
};

type Resolved = Required<Omit<LossChartOptions, 'maxDrawPoints'>> & { maxDrawPoints?: number };

interface TooltipRow {
  key: LossSeriesKey;
  label: string;
  text: string;
}

const MARGIN = { top: 26, right: 14, bottom: 34, left: 52 };
const valueFormat = d3.format('.2f');

export class LossChart {
  private readonly root: HTMLElement;
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly plot: d3.Selection<SVGGElement, unknown, null, undefined>;
  private readonly tooltip: d3.Selection<HTMLDivElement, unknown, null, undefined>;
  private options: Resolved;
  private points: readonly LossPoint[] = [];
  private klWeight = 1;
  private x: d3.ScaleLinear<number, number> = d3.scaleLinear();
  private y: d3.ScaleContinuousNumeric<number, number> = d3.scaleLinear();
  /** Hovered position in data units, kept so the tooltip follows new data while the pointer rests. */
  private hoverX: number | null = null;

  constructor(root: HTMLElement, options: LossChartOptions = {}) {
    this.root = root;
    this.options = { width: 560, height: 300, xAxis: 'step', yScale: 'linear', smoothing: 0, units: lossUnits('bce', 'sum'), text: ENGLISH_LOSS_CHART_TEXT, ...options };
    if (!root.style.position) root.style.position = 'relative';
    this.svg = d3.select(root).append('svg').attr('data-role', 'loss-chart');
    this.plot = this.svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    this.plot.append('g').attr('data-role', 'x-axis');
    this.plot.append('g').attr('data-role', 'y-axis');
    this.plot.append('text').attr('data-role', 'x-label').attr('text-anchor', 'middle').attr('font-size', 11);
    this.plot.append('text').attr('data-role', 'y-label').attr('text-anchor', 'middle').attr('font-size', 11);
    this.plot.append('g').attr('data-role', 'lines');
    this.plot.append('line').attr('data-role', 'hover-rule').attr('stroke', '#888').attr('visibility', 'hidden');
    this.plot
      .append('rect')
      .attr('data-role', 'hover-target')
      .attr('fill', 'transparent')
      .on('pointermove', (event: PointerEvent) => this.onPointerMove(event))
      .on('pointerleave', () => this.hideTooltip());
    this.svg.append('g').attr('data-role', 'legend').attr('transform', `translate(${MARGIN.left},12)`);
    this.tooltip = d3
      .select(root)
      .append('div')
      .attr('data-role', 'tooltip')
      .style('position', 'absolute')
      .style('pointer-events', 'none')
      .style('display', 'none')
      .style('font', '11px sans-serif')
      .style('background', 'rgba(255,255,255,0.92)')
      .style('border', '1px solid #ccc')
      .style('padding', '4px 6px')
      .style('white-space', 'nowrap');
    this.render();
  }

  update(points: readonly LossPoint[], klWeight: number): void {
    this.points = points;
    this.klWeight = klWeight;
    this.render();
  }

  setOptions(options: Partial<LossChartOptions>): void {
    this.options = { ...this.options, ...options };
    this.render();
  }

  destroy(): void {
    this.svg.remove();
    this.tooltip.remove();
  }

  private get innerWidth(): number {
    return Math.max(10, this.options.width - MARGIN.left - MARGIN.right);
  }

  private get innerHeight(): number {
    return Math.max(10, this.options.height - MARGIN.top - MARGIN.bottom);
  }

  private render(): void {
    const { width, height, xAxis, yScale, smoothing } = this.options;
    const log = yScale === 'log';
    const series = buildLossSeries(this.points, this.klWeight, xAxis, log);
    const w = this.innerWidth;
    const h = this.innerHeight;
    this.svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

    this.x = d3.scaleLinear().domain(xDomain(series)).range([0, w]);
    this.y = (log ? d3.scaleLog() : d3.scaleLinear()).domain(yDomain(series, log)).range([h, 0]).nice();

    this.plot.select<SVGGElement>('[data-role="x-axis"]').attr('transform', `translate(0,${h})`).call(d3.axisBottom(this.x).ticks(Math.max(2, Math.floor(w / 80))));
    const yAxis = d3.axisLeft(this.y).ticks(Math.max(2, Math.floor(h / 40)), log ? ',~g' : undefined);
    this.plot.select<SVGGElement>('[data-role="y-axis"]').call(yAxis);
    this.plot.select('[data-role="x-label"]').attr('x', w / 2).attr('y', h + 30).text(xAxis === 'seconds' ? this.options.text.xSeconds : this.options.text.xStep);
    this.plot.select('[data-role="y-label"]').attr('transform', `translate(-40,${h / 2}) rotate(-90)`).text(this.options.units.axis);
    this.plot.select('[data-role="hover-target"]').attr('width', w).attr('height', h);
    this.plot.select('[data-role="hover-rule"]').attr('y1', 0).attr('y2', h);

    const maxDraw = this.options.maxDrawPoints ?? 2 * w;
    const alpha = 1 - smoothing;
    const lines = this.plot
      .select<SVGGElement>('[data-role="lines"]')
      .selectAll<SVGGElement, LossSeries>('g[data-series]')
      .data(series, (s) => s.key)
      .join('g')
      .attr('data-series', (s) => s.key);
    lines.each((s, i, nodes) => {
      const g = d3.select(nodes[i] as SVGGElement);
      const smoothed = s.sparse || alpha === 1 ? null : smoothEma(s.ys, alpha);
      g.selectAll('path[data-role="raw"]').data([s]).join('path').attr('data-role', 'raw').attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', smoothed ? 1 : 1.5).attr('stroke-opacity', smoothed ? 0.25 : 1).attr('stroke-dasharray', s.key === 'betaKl' ? '4 3' : null).attr('d', this.pathOf(s.xs, s.ys, maxDraw));
      g.selectAll('path[data-role="smoothed"]').data(smoothed ? [s] : []).join('path').attr('data-role', 'smoothed').attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', 1.5).attr('stroke-dasharray', s.key === 'betaKl' ? '4 3' : null).attr('d', smoothed ? this.pathOf(s.xs, smoothed, maxDraw) : '');
      // Dots for sparse evaluations, and for a lone first point that a path cannot show.
      const dotIdx = s.sparse ? decimateMinMax(s.ys, maxDraw) : s.ys.length === 1 ? [0] : [];
      g.selectAll('circle[data-role="dot"]').data(dotIdx).join('circle').attr('data-role', 'dot').attr('r', 2.5).attr('fill', s.color).attr('cx', (j) => this.x(s.xs[j] ?? 0)).attr('cy', (j) => this.y(s.ys[j] ?? 0));
    });

    this.renderLegend(series);
    if (this.hoverX !== null) this.showTooltipAtX(this.hoverX);
  }

  private pathOf(xs: number[], ys: number[], maxDraw: number): string {
    const keep = decimateMinMax(ys, maxDraw);
    const line = d3.line<number>().x((j) => this.x(xs[j] ?? 0)).y((j) => this.y(ys[j] ?? 0));
    return line(keep) ?? '';
  }

  private renderLegend(series: LossSeries[]): void {
    let offset = 0;
    this.svg
      .select<SVGGElement>('[data-role="legend"]')
      .selectAll<SVGGElement, LossSeries>('g[data-role="legend-item"]')
      .data(series, (s) => s.key)
      .join((enter) => {
        const g = enter.append('g').attr('data-role', 'legend-item');
        g.append('line').attr('x1', 0).attr('x2', 14).attr('stroke-width', 2);
        g.append('text').attr('x', 18).attr('dy', '0.32em').attr('font-size', 11);
        return g;
      })
      .attr('data-series', (s) => s.key)
      .each((s, i, nodes) => {
        const g = d3.select(nodes[i] as SVGGElement);
        g.attr('transform', `translate(${offset},0)`);
        g.select('line').attr('stroke', s.color).attr('stroke-dasharray', s.key === 'betaKl' ? '4 3' : null);
        const label = this.options.text.seriesLabel(s.key, this.klWeight);
        g.select('text').text(label);
        // jsdom cannot measure text; a per-character estimate keeps entries apart everywhere.
        offset += 26 + label.length * 6;
      });
  }

  private onPointerMove(event: PointerEvent): void {
    const target = event.currentTarget as SVGRectElement;
    const rect = target.getBoundingClientRect();
    const px = event.clientX - rect.left;
    this.showTooltipAtX(this.x.invert(px));
  }

  /** Shows the rule and values of the step nearest to x (data units). Returns that point's index. */
  showTooltipAtX(x: number): number {
    this.hoverX = x;
    const xs = this.points.map((p) => xOf(p, this.options.xAxis));
    const i = nearestIndexByX(xs, x);
    const point = this.points[i];
    if (!point) {
      this.hideTooltip();
      this.hoverX = x;
      return -1;
    }
    const px = this.x(xOf(point, this.options.xAxis));
    this.plot.select('[data-role="hover-rule"]').attr('x1', px).attr('x2', px).attr('visibility', 'visible');
    const { text } = this.options;
    const header = this.options.xAxis === 'seconds' ? text.secondsHeader(point.seconds, point.step) : text.stepHeader(point.step);
    const rows = seriesKeys(this.klWeight).flatMap((key): TooltipRow[] => {
      if (key === 'testNelbo') return this.testNelboRow(i);
      const v = seriesValue(key, point, this.klWeight);
      return [{ key, label: text.seriesLabel(key, this.klWeight), text: formatValue(v, this.unitOf(key)) }];
    });
    this.tooltip.style('display', 'block');
    this.tooltip.selectAll('div').remove();
    this.tooltip.append('div').attr('data-role', 'tooltip-header').style('font-weight', 'bold').text(header);
    for (const row of rows) {
      const div = this.tooltip.append('div').attr('data-series', row.key);
      div.append('span').style('color', SERIES_COLORS[row.key]).text('● ');
      div.append('span').text(`${row.label}: `);
      div.append('span').attr('data-role', 'value').text(row.text);
    }
    // Flip to the left of the rule past the middle so the box stays inside the chart.
    const left = MARGIN.left + px;
    const flip = px > this.innerWidth / 2;
    this.tooltip.style('top', `${MARGIN.top}px`).style('left', flip ? 'auto' : `${left + 8}px`).style('right', flip ? `${this.options.width - left + 8}px` : 'auto');
    return i;
  }

  /** The latest held-out evaluation at or before point i, labelled with its own step when older. */
  private testNelboRow(i: number): TooltipRow[] {
    for (let j = i; j >= 0; j--) {
      const p = this.points[j];
      if (p?.testNelbo === undefined) continue;
      const { text } = this.options;
      const when = j === i ? '' : text.olderStep(p.step);
      return [{ key: 'testNelbo', label: text.seriesLabel('testNelbo', this.klWeight), text: formatValue(p.testNelbo, text.klUnit) + when }];
    }
    return [];
  }

  /** The held-out score is always summed cross-entropy + KL at beta = 1, so always nats. */
  private unitOf(key: LossSeriesKey): string {
    const { units } = this.options;
    return key === 'recon' ? units.recon : key === 'loss' ? units.loss : this.options.text.klUnit;
  }

  hideTooltip(): void {
    this.hoverX = null;
    this.tooltip.style('display', 'none');
    this.plot.select('[data-role="hover-rule"]').attr('visibility', 'hidden');
  }
}

function formatValue(v: number | undefined, unit: string): string {
  return v !== undefined && Number.isFinite(v) ? `${valueFormat(v)} ${unit}` : '—';
}

function xDomain(series: LossSeries[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const x of s.xs) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (lo > hi) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

function yDomain(series: LossSeries[], log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const y of s.ys) {
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
  }
  if (lo > hi) return log ? [1, 10] : [0, 1];
  if (log) return lo === hi ? [lo / 2, hi * 2] : [lo, hi];
  // Losses are compared against zero (a collapsed KL is exactly the story), so keep 0 in view.
  const low = Math.min(0, lo);
  return low === hi ? [low, low + 1] : [low, hi];
}
