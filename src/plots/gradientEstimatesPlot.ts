/**
 * Histograms of many gradient estimates, one row per estimator (reparameterized above, score
 * function below) on one shared x axis and one shared count axis, with the true gradient as a
 * vertical line. A wide spread is the estimator's variance made visible.
 */
import * as d3 from 'd3';
import { TOY_COLORS, ToyFrame, formatNumber } from './toyFrame';

export interface GradientEstimatesData {
  reparam: ArrayLike<number>;
  score: ArrayLike<number>;
  /** The closed-form d/dmu E[f(z)]. */
  trueGradient: number;
  /** The words drawn and read out, in the reader's language (English when left out). */
  text?: GradientEstimatesPlotText;
}

export interface GradientEstimatesPlotText {
  label: string;
  reparam: string;
  score: string;
  offScale: (parts: string) => string;
  trueGradient: (value: string) => string;
  aria: (count: number, trueGradient: string) => string;
}

export const GRADIENT_ESTIMATES_PLOT_TEXT_EN: GradientEstimatesPlotText = {
  label: 'Histograms of gradient estimates',
  reparam: 'Reparameterized',
  score: 'Score function',
  offScale: (parts) => `off scale: ${parts}`,
  trueGradient: (value) => `true gradient ${value}`,
  aria: (count, value) => `Histograms of ${count} gradient estimates per estimator; true gradient ${value}`,
};

export interface GradientEstimatesPlotOptions {
  width?: number;
  bins?: number;
  /** The x range shows these lower and upper quantiles of all estimates (outliers are counted). */
  quantileRange?: [number, number];
}

interface Row {
  key: 'reparam' | 'score';
  label: string;
  color: string;
  values: number[];
}

// The top margin holds the true-gradient label, clear of the row labels below it.
const MARGIN = { top: 20, right: 16, bottom: 34, left: 16 };

export class GradientEstimatesPlot {
  private readonly frame: ToyFrame;
  private readonly options: Required<Omit<GradientEstimatesPlotOptions, 'width'>>;
  private data: GradientEstimatesData | null = null;

  constructor(root: HTMLElement, options: GradientEstimatesPlotOptions = {}) {
    this.options = { bins: 40, quantileRange: [0.01, 0.99], ...options };
    this.frame = new ToyFrame(
      root,
      {
        width: options.width,
        aspect: 0.55,
        minHeight: 240,
        maxHeight: 320,
        margin: MARGIN,
        label: GRADIENT_ESTIMATES_PLOT_TEXT_EN.label,
      },
    );
  }

  update(data: GradientEstimatesData): void {
    this.data = data;
    this.render();
  }

  /** usePlot saw the container resize; the frame measures its own width. */
  containerResized(): void {
    if (this.frame.widthChanged()) this.render();
  }

  destroy(): void {
    this.frame.destroy();
  }

  private render(): void {
    const data = this.data;
    if (!data) return;
    const { innerWidth, innerHeight } = this.frame.layout();
    const plot = this.frame.plot;
    const text = data.text ?? GRADIENT_ESTIMATES_PLOT_TEXT_EN;
    const rows: Row[] = [
      { key: 'reparam', label: text.reparam, color: TOY_COLORS.reparam, values: Array.from(data.reparam) },
      { key: 'score', label: text.score, color: TOY_COLORS.score, values: Array.from(data.score) },
    ];

    // x range: central quantiles of all estimates, always including the truth, padded a little.
    const all = rows.flatMap((r) => r.values).sort(d3.ascending);
    const [qLo, qHi] = this.options.quantileRange;
    let lo = Math.min(d3.quantileSorted(all, qLo) ?? data.trueGradient, data.trueGradient);
    let hi = Math.max(d3.quantileSorted(all, qHi) ?? data.trueGradient, data.trueGradient);
    if (hi - lo < 1e-6) {
      lo -= 0.5;
      hi += 0.5;
    }
    const pad = (hi - lo) * 0.05;
    const x = d3.scaleLinear().domain([lo - pad, hi + pad]).range([0, innerWidth]);
    const [x0, x1] = x.domain() as [number, number];
    const thresholds = d3.range(1, this.options.bins).map((i) => x0 + ((x1 - x0) * i) / this.options.bins);
    const binner = d3.bin().domain([x0, x1]).thresholds(thresholds);
    const binned = rows.map((r) => binner(r.values));
    const maxCount = d3.max(binned.flat(), (b) => b.length) ?? 1;

    const rowGap = 22;
    const rowHeight = (innerHeight - rowGap * rows.length) / rows.length;
    const y = d3.scaleLinear().domain([0, maxCount]).range([rowHeight, 0]);

    const groups = plot
      .selectAll<SVGGElement, Row>('g[data-role="estimator"]')
      .data(rows, (r) => r.key)
      .join('g')
      .attr('data-role', 'estimator')
      .attr('data-estimator', (r) => r.key)
      .attr('transform', (_, i) => `translate(0,${i * (rowHeight + rowGap) + rowGap})`);

    groups
      .selectAll('text[data-role="row-label"]')
      .data((r) => [r])
      .join('text')
      .attr('data-role', 'row-label')
      .attr('x', 0)
      .attr('y', -6)
      .attr('fill', (r) => r.color)
      .attr('font-weight', 600)
      .text((r) => r.label);

    groups.each(function (row, i) {
      const g = d3.select(this);
      const bins = binned[i] ?? [];
      g.selectAll('rect[data-role="bar"]')
        .data(bins)
        .join('rect')
        .attr('data-role', 'bar')
        .attr('x', (b) => x(b.x0 ?? x0) + 0.5)
        .attr('width', (b) => Math.max(0, x(b.x1 ?? x1) - x(b.x0 ?? x0) - 1))
        .attr('y', (b) => y(b.length))
        .attr('height', (b) => rowHeight - y(b.length))
        .attr('fill', row.color)
        .attr('fill-opacity', 0.75);
      g.selectAll('line[data-role="baseline"]')
        .data([0])
        .join('line')
        .attr('data-role', 'baseline')
        .attr('x1', 0)
        .attr('x2', innerWidth)
        .attr('y1', rowHeight)
        .attr('y2', rowHeight)
        .attr('stroke', TOY_COLORS.muted);

      // Estimates beyond the shown range are counted, not silently dropped: one note at the
      // right of the row's label line, where no bar can overprint it.
      const below = row.values.filter((v) => v < x0).length;
      const above = row.values.filter((v) => v > x1).length;
      const parts = [...(below > 0 ? [`← ${below}`] : []), ...(above > 0 ? [`${above} →`] : [])];
      g.selectAll('text[data-role="overflow"]')
        .data(parts.length > 0 ? [parts.join(' · ')] : [])
        .join('text')
        .attr('data-role', 'overflow')
        .attr('data-below', below)
        .attr('data-above', above)
        .attr('x', innerWidth)
        .attr('y', -6)
        .attr('text-anchor', 'end')
        .attr('fill', TOY_COLORS.muted)
        .text((t) => text.offScale(t));
    });

    plot
      .selectAll('line[data-role="true-gradient"]')
      .data([data.trueGradient])
      .join('line')
      .attr('data-role', 'true-gradient')
      .attr('x1', (d) => x(d))
      .attr('x2', (d) => x(d))
      .attr('y1', -4)
      .attr('y2', innerHeight)
      .attr('stroke', TOY_COLORS.truth)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', '5 3');

    plot
      .selectAll('text[data-role="true-gradient-label"]')
      .data([data.trueGradient])
      .join('text')
      .attr('data-role', 'true-gradient-label')
      .attr('x', (d) => x(d))
      .attr('y', -8)
      .attr('text-anchor', (d) => (x(d) > innerWidth * 0.8 ? 'end' : x(d) < innerWidth * 0.2 ? 'start' : 'middle'))
      .attr('fill', TOY_COLORS.truth)
      .text((d) => text.trueGradient(formatNumber(d)));

    this.frame.xAxis(x, innerWidth, innerHeight, 70);

    this.frame.setLabel(text.aria(rows[0]?.values.length ?? 0, formatNumber(data.trueGradient)));
  }
}
