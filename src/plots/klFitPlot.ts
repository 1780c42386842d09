/**
 * One panel of the forward-vs-reverse KL figure: the two-mode target p as a grey area and the
 * fitted Gaussian q as a line, with q's mean marked.
 */
import * as d3 from 'd3';
import { gaussianLogDensity, targetDensity, type GaussianParams, type TwoModeTarget } from '../toy/klFit';
import { TOY_COLORS, ToyFrame, formatNumber, sampleGrid } from './toyFrame';

export interface KlFitData {
  target: TwoModeTarget;
  q: GaussianParams;
  /** The accessible description in the reader's language; English (with options.label) when left out. */
  describe?: (mu: string, sigma: string) => string;
}

export interface KlFitPlotOptions {
  width?: number;
  domain?: [number, number];
  /** Accessible name prefix, e.g. "Reverse KL fit". */
  label?: string;
}

const MARGIN = { top: 10, right: 12, bottom: 28, left: 12 };

export class KlFitPlot {
  private readonly frame: ToyFrame;
  private readonly domain: [number, number];
  private readonly label: string;
  private data: KlFitData | null = null;

  constructor(root: HTMLElement, options: KlFitPlotOptions = {}) {
    this.domain = options.domain ?? [-8, 8];
    this.label = options.label ?? 'KL fit';
    this.frame = new ToyFrame(
      root,
      { width: options.width, aspect: 0.6, minHeight: 180, maxHeight: 240, margin: MARGIN, label: this.label },
    );
  }

  update(data: KlFitData): void {
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
    const [lo, hi] = this.domain;
    const x = d3.scaleLinear().domain(this.domain).range([0, innerWidth]);
    const sigma = Math.exp(data.q.logSigma);
    // Sample finely enough that a narrow q still looks smooth.
    const count = Math.min(2000, Math.max(301, Math.ceil((12 * (hi - lo)) / sigma)));
    const xs = sampleGrid(lo, hi, count, [data.q.mu]);
    const pYs = xs.map((v) => targetDensity(data.target, v));
    const qYs = xs.map((v) => Math.exp(gaussianLogDensity(data.q, v)));
    const peak = Math.max(d3.max(pYs) ?? 0, d3.max(qYs) ?? 0, 1e-6);
    const y = d3.scaleLinear().domain([0, peak * 1.08]).range([innerHeight, 0]);

    const line = (ys: number[]) =>
      d3
        .area<number>()
        .x((v) => x(v))
        .y0(innerHeight)
        .y1((_, i) => y(ys[i] ?? 0))(xs);

    plot
      .selectAll('path[data-role="target"]')
      .data([pYs])
      .join('path')
      .attr('data-role', 'target')
      .attr('fill', TOY_COLORS.muted)
      .attr('fill-opacity', 0.3)
      .attr('stroke', TOY_COLORS.muted)
      .attr('d', (ys) => line(ys));
    plot
      .selectAll('path[data-role="q"]')
      .data([qYs])
      .join('path')
      .attr('data-role', 'q')
      .attr('fill', TOY_COLORS.q)
      .attr('fill-opacity', 0.12)
      .attr('stroke', TOY_COLORS.q)
      .attr('stroke-width', 2.5)
      .attr('d', (ys) => line(ys));
    const muShown = Math.max(lo, Math.min(hi, data.q.mu));
    plot
      .selectAll('line[data-role="q-mean"]')
      .data([muShown])
      .join('line')
      .attr('data-role', 'q-mean')
      .attr('x1', (m) => x(m))
      .attr('x2', (m) => x(m))
      .attr('y1', 0)
      .attr('y2', innerHeight)
      .attr('stroke', TOY_COLORS.q)
      .attr('stroke-dasharray', '4 3');

    this.frame.xAxis(x, innerWidth, innerHeight, 55);

    this.frame.setLabel(
      data.describe
        ? data.describe(formatNumber(data.q.mu), formatNumber(sigma))
        : `${this.label}: target p, two modes; q has mean ${formatNumber(data.q.mu)} and standard deviation ${formatNumber(sigma)}`,
    );
  }
}
