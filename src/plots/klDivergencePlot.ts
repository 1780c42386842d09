/**
 * Two 1-D densities p and q on one axis. Where one is positive and the other is zero the
 * matching KL is infinite; those regions are shaded and labelled, red hatching for KL(p || q)
 * (p > 0 = q) and the same hatching the other way for KL(q || p).
 */
import * as d3 from 'd3';
import { density, zeroMismatchRegions, type Dist1D, type Interval } from '../toy/klDivergence';
import { TOY_COLORS, ToyFrame, sampleGrid, uniqueId, type DensityCurve } from './toyFrame';

export interface KlDivergenceData {
  p: Dist1D;
  q: Dist1D;
  /** The words read out, in the reader's language (English when left out). */
  text?: KlDivergencePlotText;
}

export interface KlDivergencePlotText {
  label: string;
  describe: (d: Dist1D) => string;
  aria: (p: string, q: string) => string;
  ariaRegions: (count: number) => string;
}

export const KL_DIVERGENCE_PLOT_TEXT_EN: KlDivergencePlotText = {
  label: 'Densities p and q',
  describe: (d) => (d.kind === 'normal' ? `normal(${d.mean}, ${d.sd})` : `uniform(${d.a}, ${d.b})`),
  aria: (p, q) => `Densities: p is ${p}, q is ${q}.`,
  ariaRegions: (count) => ` ${count} shaded region(s) where one density is zero and the other is not.`,
};

export interface KlDivergencePlotOptions {
  width?: number;
  domain?: [number, number];
}

interface Region extends Interval {
  /** 'pq': p > 0 = q, KL(p || q) infinite; 'qp': the reverse. */
  direction: 'pq' | 'qp';
}

const MARGIN = { top: 28, right: 14, bottom: 30, left: 40 };

/** Uniform edges get a point just outside and at the edge, so the jump draws vertical. */
function edgePoints(d: Dist1D): number[] {
  if (d.kind === 'normal') return [];
  const eps = 1e-9;
  return [d.a - eps, d.a, d.b, d.b + eps];
}

export class KlDivergencePlot {
  private readonly frame: ToyFrame;
  private readonly domain: [number, number];
  private readonly hatchId = uniqueId('kl-hatch');
  private data: KlDivergenceData | null = null;

  constructor(root: HTMLElement, options: KlDivergencePlotOptions = {}) {
    this.domain = options.domain ?? [-6, 6];
    this.frame = new ToyFrame(
      root,
      { width: options.width, aspect: 0.5, minHeight: 220, maxHeight: 300, margin: MARGIN, label: KL_DIVERGENCE_PLOT_TEXT_EN.label },
    );
    const pattern = this.frame.svg
      .append('defs')
      .append('pattern')
      .attr('id', this.hatchId)
      .attr('patternUnits', 'userSpaceOnUse')
      .attr('width', 8)
      .attr('height', 8)
      .attr('patternTransform', 'rotate(45)');
    pattern.append('rect').attr('width', 8).attr('height', 8).attr('fill', TOY_COLORS.infinite).attr('fill-opacity', 0.08);
    pattern.append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 8).attr('stroke', TOY_COLORS.infinite).attr('stroke-width', 3).attr('stroke-opacity', 0.35);
  }

  update(data: KlDivergenceData): void {
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
    const xs = sampleGrid(lo, hi, 401, [...edgePoints(data.p), ...edgePoints(data.q)]);
    const curves: DensityCurve[] = [
      { key: 'p', values: xs.map((v) => density(data.p, v)), color: TOY_COLORS.p, dash: null },
      { key: 'q', values: xs.map((v) => density(data.q, v)), color: TOY_COLORS.q, dash: '6 3' },
    ];
    const peak = d3.max(curves.flatMap((c) => c.values)) ?? 1;
    const y = d3.scaleLinear().domain([0, peak * 1.1]).nice().range([innerHeight, 0]);

    // Regions first, so the curves draw over the hatching.
    const clip = (r: Interval): Interval => ({ lo: Math.max(lo, r.lo), hi: Math.min(hi, r.hi) });
    const regions: Region[] = [
      ...zeroMismatchRegions(data.p, data.q).map((r) => ({ ...clip(r), direction: 'pq' as const })),
      ...zeroMismatchRegions(data.q, data.p).map((r) => ({ ...clip(r), direction: 'qp' as const })),
    ].filter((r) => r.hi > r.lo);

    const regionGroups = plot
      .selectAll<SVGGElement, Region>('g[data-role="infinite-region"]')
      .data(regions)
      .join((enter) => {
        const g = enter.append('g').attr('data-role', 'infinite-region');
        g.append('rect');
        g.append('text');
        return g;
      })
      .attr('data-direction', (r) => r.direction);
    regionGroups
      .select('rect')
      .attr('x', (r) => x(r.lo))
      .attr('width', (r) => Math.max(1, x(r.hi) - x(r.lo)))
      .attr('y', 0)
      .attr('height', innerHeight)
      .attr('fill', `url(#${this.hatchId})`)
      .attr('stroke', TOY_COLORS.infinite)
      .attr('stroke-opacity', 0.5);
    // Stack labels so a p-region and a q-region side by side never overprint.
    regionGroups
      .select('text')
      .attr('x', (r) => (x(r.lo) + x(r.hi)) / 2)
      .attr('y', (r) => (r.direction === 'pq' ? -14 : -2))
      .attr('text-anchor', 'middle')
      .attr('fill', TOY_COLORS.infinite)
      .attr('font-weight', 600)
      .text((r) => {
        const width = x(r.hi) - x(r.lo);
        const [a, b] = r.direction === 'pq' ? ['p', 'q'] : ['q', 'p'];
        return width > 80 ? `${a} > 0, ${b} = 0` : width > 14 ? '∞' : '';
      });

    this.frame.densityAreas(curves, xs, x, y, innerHeight, 0.15);

    this.frame.xAxis(x, innerWidth, innerHeight, 60);
    this.frame.yAxis(y);

    const text = data.text ?? KL_DIVERGENCE_PLOT_TEXT_EN;
    this.frame.setLabel(text.aria(text.describe(data.p), text.describe(data.q)) + (regions.length > 0 ? text.ariaRegions(regions.length) : ''));
  }
}
