/**
 * KL(N(mu, sigma^2) || N(0, 1)) as its two parts: two bars (mean part, variance part) and the
 * curve of each part against its own parameter with the current value marked. Three small
 * panels that wrap to one column at phone width.
 */
import * as d3 from 'd3';
import { klMeanPart, klParts, klVariancePart } from '../toy/klParts';
import { TOY_COLORS, ToyFrame } from './toyFrame';

export interface KlPartsData {
  mu: number;
  sigma: number;
  /** The words drawn and read out, in the reader's language (English when left out). */
  text?: KlPartsPlotText;
}

export interface KlPartsPlotText {
  barsLabel: string;
  meanCurveLabel: string;
  varianceCurveLabel: string;
  barMean: string;
  barVariance: string;
  barsTitle: (total: string) => string;
  barsAria: (mean: string, variance: string) => string;
  curveAria: (part: string, formula: string, axis: string, value: string, current: string) => string;
}

export const KL_PARTS_PLOT_TEXT_EN: KlPartsPlotText = {
  barsLabel: 'the two parts of the KL',
  meanCurveLabel: 'mean part against mu',
  varianceCurveLabel: 'variance part against sigma',
  barMean: 'mean part',
  barVariance: 'variance part',
  barsTitle: (total) => `KL = ${total} nats`,
  barsAria: (mean, variance) => `Mean part ${mean} nats, variance part ${variance} nats.`,
  curveAria: (part, formula, axis, value, current) => `${part} ${formula} against ${axis}; now ${value} nats at ${axis} = ${current}.`,
};

export interface KlPartsPlotOptions {
  width?: number;
  muDomain?: [number, number];
  sigmaDomain?: [number, number];
}

const MARGIN = { top: 22, right: 12, bottom: 32, left: 40 };
const COLORS = { mean: TOY_COLORS.p, variance: TOY_COLORS.q } as const;
const frameOptions = (width: number | undefined, label: string) => ({
  width, aspect: 0.75, minHeight: 170, maxHeight: 210, margin: MARGIN, label,
});

export class KlPartsPlot {
  private readonly bars: ToyFrame;
  private readonly meanCurve: ToyFrame;
  private readonly varianceCurve: ToyFrame;
  private readonly cells: HTMLElement[];
  private readonly muDomain: [number, number];
  private readonly sigmaDomain: [number, number];
  private data: KlPartsData | null = null;

  constructor(root: HTMLElement, options: KlPartsPlotOptions = {}) {
    this.muDomain = options.muDomain ?? [-3, 3];
    this.sigmaDomain = options.sigmaDomain ?? [0.1, 3];
    this.cells = [0, 1, 2].map(() => {
      const cell = root.ownerDocument.createElement('div');
      cell.className = 'kl-parts-cell';
      Object.assign(cell.style, { flex: '1 1 170px', minWidth: '0' });
      root.appendChild(cell);
      return cell;
    });
    Object.assign(root.style, { display: 'flex', flexWrap: 'wrap', gap: '0.5rem' });
    const [a, b, c] = this.cells as [HTMLElement, HTMLElement, HTMLElement];
    this.bars = new ToyFrame(a, frameOptions(options.width, KL_PARTS_PLOT_TEXT_EN.barsLabel));
    this.meanCurve = new ToyFrame(b, frameOptions(options.width, KL_PARTS_PLOT_TEXT_EN.meanCurveLabel));
    this.varianceCurve = new ToyFrame(c, frameOptions(options.width, KL_PARTS_PLOT_TEXT_EN.varianceCurveLabel));
  }

  update(data: KlPartsData): void {
    this.data = data;
    this.render();
  }

  /** usePlot saw the container resize; the frame measures its own width. */
  containerResized(): void {
    if ([this.bars, this.meanCurve, this.varianceCurve].some((f) => f.widthChanged())) this.render();
  }

  destroy(): void {
    this.bars.destroy();
    this.meanCurve.destroy();
    this.varianceCurve.destroy();
    this.cells.forEach((c) => c.remove());
  }

  private render(): void {
    const data = this.data;
    if (!data) return;
    const parts = klParts(data.mu, data.sigma);
    // One nats scale for all three panels, so bar heights and curve heights compare directly.
    const top = Math.max(
      1,
      klMeanPart(this.muDomain[1]),
      klMeanPart(this.muDomain[0]),
      parts.meanPart,
      parts.variancePart,
    );
    const ceiling = Math.min(top, 5);
    const text = data.text ?? KL_PARTS_PLOT_TEXT_EN;
    this.renderBars(parts.meanPart, parts.variancePart, ceiling, text);
    this.renderCurve(this.meanCurve, 'mean', this.muDomain, klMeanPart, data.mu, ceiling, 'μ', '½μ²', text);
    this.renderCurve(this.varianceCurve, 'variance', this.sigmaDomain, klVariancePart, data.sigma, ceiling, 'σ', '½(σ² − log σ² − 1)', text);
  }

  private renderBars(meanPart: number, variancePart: number, ceiling: number, text: KlPartsPlotText): void {
    const { innerWidth, innerHeight } = this.bars.layout();
    const plot = this.bars.plot;
    const bars = [
      { key: 'mean', label: text.barMean, value: meanPart },
      { key: 'variance', label: text.barVariance, value: variancePart },
    ] as const;
    const x = d3.scaleBand<string>().domain(bars.map((b) => b.key)).range([0, innerWidth]).padding(0.35);
    const y = d3.scaleLinear().domain([0, ceiling]).range([innerHeight, 0]).clamp(true);
    plot
      .selectAll<SVGRectElement, (typeof bars)[number]>('rect[data-role="kl-part-bar"]')
      .data(bars, (b) => b.key)
      .join('rect')
      .attr('data-role', 'kl-part-bar')
      .attr('data-part', (b) => b.key)
      .attr('x', (b) => x(b.key) ?? 0)
      .attr('width', x.bandwidth())
      .attr('y', (b) => y(b.value))
      .attr('height', (b) => innerHeight - y(b.value))
      .attr('fill', (b) => COLORS[b.key]);
    plot
      .selectAll<SVGTextElement, (typeof bars)[number]>('text[data-role="kl-part-value"]')
      .data(bars, (b) => b.key)
      .join('text')
      .attr('data-role', 'kl-part-value')
      .attr('data-part', (b) => b.key)
      .attr('x', (b) => (x(b.key) ?? 0) + x.bandwidth() / 2)
      // A bar reaching the top carries its value inside, clear of the panel title above.
      .attr('y', (b) => (y(b.value) - 4 < 12 ? y(b.value) + 14 : y(b.value) - 4))
      .attr('fill', (b) => (y(b.value) - 4 < 12 ? '#fff' : '#1a202c'))
      .attr('text-anchor', 'middle')
      .attr('font-weight', 600)
      .text((b) => (b.value > ceiling ? `${b.value.toFixed(2)} ↑` : b.value.toFixed(2)));
    plot
      .selectAll<SVGGElement, number>('g[data-role="x-axis"]')
      .data([0])
      .join('g')
      .attr('data-role', 'x-axis')
      .attr('transform', `translate(0,${innerHeight})`)
      .call(d3.axisBottom(x).tickFormat((k) => (k === 'mean' ? text.barMean : text.barVariance)));
    this.bars.yAxis(y);
    this.title(this.bars, text.barsTitle((meanPart + variancePart).toFixed(2)));
    this.bars.setLabel(text.barsAria(meanPart.toFixed(2), variancePart.toFixed(2)));
  }

  private renderCurve(
    frame: ToyFrame,
    part: 'mean' | 'variance',
    domain: [number, number],
    f: (v: number) => number,
    current: number,
    ceiling: number,
    axisName: string,
    formula: string,
    text: KlPartsPlotText,
  ): void {
    const { innerWidth, innerHeight } = frame.layout();
    const plot = frame.plot;
    const x = d3.scaleLinear().domain(domain).range([0, innerWidth]);
    const y = d3.scaleLinear().domain([0, ceiling]).range([innerHeight, 0]).clamp(true);
    const vs = d3.range(161).map((i) => domain[0] + ((domain[1] - domain[0]) * i) / 160);
    plot
      .selectAll<SVGPathElement, number>('path[data-role="kl-part-curve"]')
      .data([0])
      .join('path')
      .attr('data-role', 'kl-part-curve')
      .attr('data-part', part)
      .attr('fill', 'none')
      .attr('stroke', COLORS[part])
      .attr('stroke-width', 2)
      .attr('d', d3.line<number>().x((v) => x(v)).y((v) => y(f(v)))(vs));
    const cx = x(Math.min(domain[1], Math.max(domain[0], current)));
    plot
      .selectAll<SVGCircleElement, number>('circle[data-role="kl-part-point"]')
      .data([0])
      .join('circle')
      .attr('data-role', 'kl-part-point')
      .attr('data-part', part)
      .attr('cx', cx)
      .attr('cy', y(f(current)))
      .attr('r', 5)
      .attr('fill', COLORS[part])
      .attr('stroke', '#fff')
      .attr('stroke-width', 1.5);
    frame.xAxis(x, innerWidth, innerHeight, 45);
    frame.yAxis(y);
    frame.axisName('axis-name', axisName, innerWidth, innerHeight);
    this.title(frame, formula);
    frame.setLabel(text.curveAria(part === 'mean' ? text.barMean : text.barVariance, formula, axisName, f(current).toFixed(2), current.toFixed(2)));
  }

  private title(frame: ToyFrame, text: string): void {
    frame.plot
      .selectAll<SVGTextElement, number>('text[data-role="panel-title"]')
      .data([0])
      .join('text')
      .attr('data-role', 'panel-title')
      .attr('x', 0)
      .attr('y', -8)
      .attr('font-weight', 600)
      .text(text);
  }
}
