/**
 * The ELBO identity drawn in one dimension: on top, the true posterior p(z | x) and the
 * reader's q(z) over z; below, the ELBO as q's mean slides (at q's current width) against the
 * flat line log p(x), with the gap KL(q || p(z | x)) between them shaded and the current q's gap
 * picked out.
 */
import * as d3 from 'd3';
import { elboGap, elboTerms, posteriorLogDensity, qLogDensity, type NormalQ, type ToyDecoder } from '../toy/elboGap';
import { TOY_COLORS, ToyFrame, formatNumber, sampleGrid, type DensityCurve } from './toyFrame';

export interface ElboGapData {
  decoder: ToyDecoder;
  x: number;
  q: NormalQ;
  /** The words drawn and read out, in the reader's language (English when left out). */
  text?: ElboGapPlotText;
}

export interface ElboGapPlotText {
  densitiesLabel: string;
  boundLabel: string;
  densitiesAria: (mu: string, sigma: string) => string;
  gapLabel: (value: string) => string;
  muAxis: string;
  boundAria: (sigma: string, logPx: string, elbo: string, gap: string) => string;
}

export const ELBO_GAP_PLOT_TEXT_EN: ElboGapPlotText = {
  densitiesLabel: 'posterior and q',
  boundLabel: 'ELBO and log p(x)',
  densitiesAria: (mu, sigma) => `True posterior p(z | x) (solid) and q = N(${mu}, ${sigma}²) (dashed) over z.`,
  gapLabel: (value) => `gap ${value}`,
  muAxis: 'mean of q (nats on the left axis)',
  boundAria: (sigma, logPx, elbo, gap) =>
    `ELBO of q against its mean, at sigma ${sigma}: log p(x) is ${logPx} nats, the current q's ELBO is ${elbo}, a gap of ${gap} nats.`,
};

export interface ElboGapPlotOptions {
  width?: number;
  /** z range of both panels. */
  domain?: [number, number];
}

const MARGIN = { top: 14, right: 14, bottom: 30, left: 46 };
/** How far below log p(x) the lower panel reaches, nats. */
const DEPTH_NATS = 6;
const CURVE_POINTS = 81;

export class ElboGapPlot {
  private readonly densities: ToyFrame;
  private readonly bound: ToyFrame;
  private readonly domain: [number, number];
  private data: ElboGapData | null = null;
  /** The ELBO-vs-mean curve depends on (decoder, x, sigma) only: reused while only mu moves. */
  private curveKey = '';
  private curve: Array<[number, number]> = [];

  constructor(root: HTMLElement, options: ElboGapPlotOptions = {}) {
    this.domain = options.domain ?? [-3.5, 3.5];
    const common = { width: options.width, margin: MARGIN };
    this.densities = new ToyFrame(root, { ...common, aspect: 0.32, minHeight: 150, maxHeight: 200, label: ELBO_GAP_PLOT_TEXT_EN.densitiesLabel });
    this.bound = new ToyFrame(root, { ...common, aspect: 0.36, minHeight: 170, maxHeight: 220, label: ELBO_GAP_PLOT_TEXT_EN.boundLabel });
  }

  update(data: ElboGapData): void {
    this.data = data;
    this.render();
  }

  /** usePlot saw the container resize; the frame measures its own width. */
  containerResized(): void {
    if (this.densities.widthChanged() || this.bound.widthChanged()) this.render();
  }

  destroy(): void {
    this.densities.destroy();
    this.bound.destroy();
  }

  private render(): void {
    const data = this.data;
    if (!data) return;
    const { decoder, x: xObs, q } = data;
    const current = elboGap(decoder, xObs, q);
    const logPost = posteriorLogDensity(decoder, xObs, current.logEvidence);
    this.renderDensities(logPost, q, data.text ?? ELBO_GAP_PLOT_TEXT_EN);
    this.renderBound(data, current.logEvidence, current.elbo);
  }

  private renderDensities(logPost: (z: number) => number, q: NormalQ, text: ElboGapPlotText): void {
    const { innerWidth, innerHeight } = this.densities.layout();
    const [lo, hi] = this.domain;
    const z = d3.scaleLinear().domain(this.domain).range([0, innerWidth]);
    const zs = sampleGrid(lo, hi, 281, [q.mu]);
    const post = zs.map((v) => Math.exp(logPost(v)));
    const qd = zs.map((v) => Math.exp(qLogDensity(q, v)));
    const peak = Math.max(d3.max(post) ?? 1, d3.max(qd) ?? 1);
    const y = d3.scaleLinear().domain([0, peak * 1.08]).range([innerHeight, 0]);
    const curves: DensityCurve[] = [
      { key: 'posterior', values: post, color: TOY_COLORS.p, dash: null },
      { key: 'q', values: qd, color: TOY_COLORS.q, dash: '6 3' },
    ];
    this.densities.densityAreas(curves, zs, z, y, innerHeight, 0.14);
    this.densities.xAxis(z, innerWidth, innerHeight, 60);
    this.densities.axisName('z-label', 'z', innerWidth, innerHeight);
    this.densities.setLabel(text.densitiesAria(formatNumber(q.mu), formatNumber(q.sigma)));
  }

  private renderBound(data: ElboGapData, logPx: number, elbo: number): void {
    const text = data.text ?? ELBO_GAP_PLOT_TEXT_EN;
    const { innerWidth, innerHeight } = this.bound.layout();
    const plot = this.bound.plot;
    const [lo, hi] = this.domain;
    const key = `${data.decoder.a},${data.decoder.b},${data.decoder.noiseSd},${data.x},${data.q.sigma}`;
    if (key !== this.curveKey) {
      this.curveKey = key;
      this.curve = d3.range(CURVE_POINTS).map((i) => {
        const mu = lo + ((hi - lo) * i) / (CURVE_POINTS - 1);
        return [mu, elboTerms(data.decoder, data.x, { mu, sigma: data.q.sigma }).elbo];
      });
    }
    const z = d3.scaleLinear().domain(this.domain).range([0, innerWidth]);
    const bottom = Math.min(logPx - DEPTH_NATS, elbo - 0.5);
    const y = d3.scaleLinear().domain([bottom, logPx + 0.6]).range([innerHeight, 0]).clamp(true);

    plot
      .selectAll<SVGPathElement, number>('path[data-role="gap-band"]')
      .data([0])
      .join('path')
      .attr('data-role', 'gap-band')
      .attr('fill', TOY_COLORS.infinite)
      .attr('fill-opacity', 0.12)
      .attr('d', d3.area<[number, number]>().x((p) => z(p[0])).y0(y(logPx)).y1((p) => y(p[1]))(this.curve));
    plot
      .selectAll<SVGPathElement, number>('path[data-role="elbo-curve"]')
      .data([0])
      .join('path')
      .attr('data-role', 'elbo-curve')
      .attr('fill', 'none')
      .attr('stroke', TOY_COLORS.q)
      .attr('stroke-width', 2)
      .attr('d', d3.line<[number, number]>().x((p) => z(p[0])).y((p) => y(p[1]))(this.curve));
    plot
      .selectAll<SVGLineElement, number>('line[data-role="log-evidence"]')
      .data([logPx])
      .join('line')
      .attr('data-role', 'log-evidence')
      .attr('x1', 0)
      .attr('x2', innerWidth)
      .attr('y1', y(logPx))
      .attr('y2', y(logPx))
      .attr('stroke', TOY_COLORS.truth)
      .attr('stroke-width', 2);
    plot
      .selectAll<SVGTextElement, number>('text[data-role="log-evidence-label"]')
      .data([logPx])
      .join('text')
      .attr('data-role', 'log-evidence-label')
      .attr('x', 4)
      .attr('y', y(logPx) - 5)
      .attr('font-weight', 600)
      .text(`log p(x) = ${logPx.toFixed(2)}`);

    // The current q: its ELBO as a dot, its gap as a thick bracket up to log p(x).
    const cx = z(Math.min(hi, Math.max(lo, data.q.mu)));
    plot
      .selectAll<SVGLineElement, number>('line[data-role="current-gap"]')
      .data([0])
      .join('line')
      .attr('data-role', 'current-gap')
      .attr('x1', cx)
      .attr('x2', cx)
      .attr('y1', y(logPx))
      .attr('y2', y(elbo))
      .attr('stroke', TOY_COLORS.infinite)
      .attr('stroke-width', 5)
      .attr('stroke-opacity', 0.7);
    plot
      .selectAll<SVGCircleElement, number>('circle[data-role="current-elbo"]')
      .data([0])
      .join('circle')
      .attr('data-role', 'current-elbo')
      .attr('cx', cx)
      .attr('cy', y(elbo))
      .attr('r', 5)
      .attr('fill', TOY_COLORS.q)
      .attr('stroke', '#fff');
    const gapLabelLeft = cx > innerWidth * 0.6;
    plot
      .selectAll<SVGTextElement, number>('text[data-role="gap-label"]')
      .data([0])
      .join('text')
      .attr('data-role', 'gap-label')
      .attr('x', cx + (gapLabelLeft ? -8 : 8))
      .attr('y', Math.min(innerHeight - 4, (y(logPx) + y(elbo)) / 2 + 14))
      .attr('text-anchor', gapLabelLeft ? 'end' : 'start')
      .attr('fill', TOY_COLORS.infinite)
      .attr('font-weight', 600)
      .text(text.gapLabel((logPx - elbo).toFixed(2)));

    this.bound.xAxis(z, innerWidth, innerHeight, 60);
    this.bound.yAxis(y);
    this.bound.axisName('mu-label', text.muAxis, innerWidth, innerHeight);
    this.bound.setLabel(text.boundAria(formatNumber(data.q.sigma), logPx.toFixed(2), elbo.toFixed(2), (logPx - elbo).toFixed(2)));
  }
}
