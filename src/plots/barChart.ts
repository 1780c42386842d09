/**
 * KL per latent dimension as bars, in nats. A dimension whose KL stays near zero has a posterior
 * equal to the prior whatever the input: the decoder ignores it (posterior collapse). Bars under
 * the threshold are greyed so active and collapsed dimensions read apart at a glance.
 */
import * as d3 from 'd3';

export interface KlBarChartOptions {
  width?: number;
  height?: number;
  /** KL below this many nats counts as collapsed (default 0.1). */
  activeThresholdNats?: number;
  /** Fixed top of the axis in nats, so bars do not jump while training; default follows the data. */
  maxNats?: number;
  dimLabel?: (dim: number) => string;
  /** The chart's words, from its React component in the reader's language; default English. */
  text?: KlBarText;
  activeColor?: string;
  collapsedColor?: string;
}

export interface KlBarText {
  yLabel: string;
  /** The line above the bars: how many dimensions are active. */
  summary: (active: number, count: number, thresholdNats: number) => string;
  /** A bar's tooltip; value null when the KL is not finite. */
  barTitle: (dimLabel: string, value: string | null) => string;
}

export const ENGLISH_KL_BAR_TEXT: KlBarText = {
  yLabel: 'KL (nats)',
  summary: (active, count, threshold) => `${active} of ${count} dimensions active (KL ≥ ${threshold} nats)`,
  barTitle: (dim, value) => `${dim}: ${value === null ? 'no value' : `${value} nats`}`,
};

interface Bar {
  dim: number;
  nats: number;
  finite: boolean;
  active: boolean;
}

// The top margin leaves room for the summary line above the tallest bar's value label.
const MARGIN = { top: 32, right: 10, bottom: 26, left: 44 };
const natsFormat = d3.format('.2f');

/** Active = finite KL at or above the threshold. Exported for the caption "k of n dims active". */
export function countActiveDims(klPerDimNats: ArrayLike<number>, thresholdNats: number): number {
  let n = 0;
  for (let i = 0; i < klPerDimNats.length; i++) {
    const v = klPerDimNats[i] ?? NaN;
    if (Number.isFinite(v) && v >= thresholdNats) n++;
  }
  return n;
}

export class KlBarChart {
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly plot: d3.Selection<SVGGElement, unknown, null, undefined>;
  private options: Required<Omit<KlBarChartOptions, 'maxNats'>> & { maxNats?: number };
  private values: ArrayLike<number> = [];
  y = d3.scaleLinear();
  x = d3.scaleBand<number>();

  constructor(root: HTMLElement, options: KlBarChartOptions = {}) {
    this.options = {
      width: 360,
      height: 180,
      activeThresholdNats: 0.1,
      dimLabel: (d) => `z${d + 1}`,
      text: ENGLISH_KL_BAR_TEXT,
      activeColor: '#4e79a7',
      collapsedColor: '#c8c8c8',
      ...options,
    };
    this.svg = d3.select(root).append('svg').attr('data-role', 'kl-bars');
    this.plot = this.svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    this.plot.append('g').attr('data-role', 'x-axis');
    this.plot.append('g').attr('data-role', 'y-axis');
    this.plot.append('text').attr('data-role', 'y-label').attr('text-anchor', 'middle').attr('font-size', 11);
    this.plot.append('g').attr('data-role', 'bars');
    this.plot.append('line').attr('data-role', 'threshold').attr('stroke', '#888').attr('stroke-dasharray', '3 3');
    this.svg.append('text').attr('data-role', 'summary').attr('x', MARGIN.left).attr('y', 13).attr('font-size', 11);
    this.render();
  }

  update(klPerDimNats: ArrayLike<number>): void {
    this.values = klPerDimNats;
    this.render();
  }

  setOptions(options: Partial<KlBarChartOptions>): void {
    this.options = { ...this.options, ...options };
    this.render();
  }

  destroy(): void {
    this.svg.remove();
  }

  private render(): void {
    const { width, height, activeThresholdNats: threshold, dimLabel, text, activeColor, collapsedColor } = this.options;
    const w = Math.max(10, width - MARGIN.left - MARGIN.right);
    const h = Math.max(10, height - MARGIN.top - MARGIN.bottom);
    this.svg.attr('width', width).attr('height', height);

    const bars: Bar[] = Array.from({ length: this.values.length }, (_, dim) => {
      const raw = this.values[dim] ?? NaN;
      const finite = Number.isFinite(raw);
      // KL >= 0 in exact arithmetic; a float -1e-7 is noise, not a negative bar.
      const nats = finite ? Math.max(0, raw) : 0;
      return { dim, nats, finite, active: finite && nats >= threshold };
    });
    const top = this.options.maxNats ?? Math.max(threshold * 2, d3.max(bars, (b) => b.nats) ?? 0, 1e-3);
    this.x = d3.scaleBand<number>().domain(bars.map((b) => b.dim)).range([0, w]).padding(0.15);
    this.y = d3.scaleLinear().domain([0, top]).range([h, 0]).nice();

    // Label every k-th dimension when there are too many to fit (~28 px per label).
    const every = Math.max(1, Math.ceil((bars.length * 28) / w));
    const xAxis = d3.axisBottom(this.x).tickValues(bars.filter((b) => b.dim % every === 0).map((b) => b.dim)).tickFormat((d) => dimLabel(d));
    this.plot.select<SVGGElement>('[data-role="x-axis"]').attr('transform', `translate(0,${h})`).call(xAxis);
    this.plot.select<SVGGElement>('[data-role="y-axis"]').call(d3.axisLeft(this.y).ticks(Math.max(2, Math.floor(h / 30))));
    this.plot.select('[data-role="y-label"]').attr('transform', `translate(-34,${h / 2}) rotate(-90)`).text(text.yLabel);
    const ty = this.y(Math.min(threshold, this.y.domain()[1] ?? threshold));
    this.plot.select('[data-role="threshold"]').attr('x1', 0).attr('x2', w).attr('y1', ty).attr('y2', ty);

    const bandwidth = this.x.bandwidth();
    const groups = this.plot
      .select<SVGGElement>('[data-role="bars"]')
      .selectAll<SVGGElement, Bar>('g[data-role="bar-group"]')
      .data(bars, (b) => b.dim)
      .join((enter) => {
        const g = enter.append('g').attr('data-role', 'bar-group');
        g.append('rect').attr('data-role', 'bar');
        g.append('text').attr('data-role', 'bar-value').attr('text-anchor', 'middle').attr('font-size', 10);
        g.append('title');
        return g;
      })
      .attr('transform', (b) => `translate(${this.x(b.dim) ?? 0},0)`);
    groups
      .select('rect')
      .attr('data-dim', (b) => b.dim)
      .attr('data-active', (b) => String(b.active))
      .attr('width', bandwidth)
      .attr('y', (b) => this.y(Math.min(b.nats, this.y.domain()[1] ?? b.nats)))
      .attr('height', (b) => h - this.y(Math.min(b.nats, this.y.domain()[1] ?? b.nats)))
      .attr('fill', (b) => (b.active ? activeColor : collapsedColor));
    // Numbers only where a bar is wide enough to carry one legibly.
    groups
      .select('text')
      .attr('x', bandwidth / 2)
      .attr('y', (b) => this.y(Math.min(b.nats, this.y.domain()[1] ?? b.nats)) - 3)
      .text((b) => (bandwidth < 24 ? '' : b.finite ? natsFormat(b.nats) : '—'));
    groups.select('title').text((b) => text.barTitle(dimLabel(b.dim), b.finite ? natsFormat(b.nats) : null));

    const active = bars.filter((b) => b.active).length;
    this.svg.select('[data-role="summary"]').text(bars.length === 0 ? '' : text.summary(active, bars.length, threshold));
  }
}
