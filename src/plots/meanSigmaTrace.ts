/**
 * The mean posterior sigma over training steps, as one line against the prior's sigma = 1: how
 * much noise the encoder currently adds to its codes (0 would be a plain autoencoder). A fixed
 * viewBox that its figure's CSS scales to the column.
 */
import * as d3 from 'd3';

export interface SigmaPoint {
  step: number;
  meanSigma: number;
}

export interface MeanSigmaText {
  /** Accessible name of the whole figure. */
  label: string;
  /** The name of the dashed sigma = 1 line. */
  prior: string;
  /** An x-axis end's label for a step count. */
  step: (step: number) => string;
}

const WIDTH = 520;
const HEIGHT = 140;
const PAD = { left: 40, right: 10, top: 10, bottom: 26 };
/** More points than this are thinned to every k-th (the last is always kept). */
const MAX_POINTS = 400;

type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;

export class MeanSigmaTracePlot {
  private readonly svg: Svg;
  private points: readonly SigmaPoint[] = [];
  private text: MeanSigmaText = { label: '', prior: '', step: String };

  /** Inserted as the root's first child, so a caption written after it stays below. */
  constructor(root: HTMLElement) {
    this.svg = d3.select(root).insert<SVGSVGElement>('svg', ':first-child').attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`).attr('role', 'img');
    const bottom = HEIGHT - PAD.bottom;
    this.svg.append('line').attr('class', 'axis').attr('x1', PAD.left).attr('x2', WIDTH - PAD.right).attr('y1', bottom).attr('y2', bottom);
    this.svg.append('line').attr('class', 'axis').attr('x1', PAD.left).attr('x2', PAD.left).attr('y1', PAD.top).attr('y2', bottom);
    this.svg.append('line').attr('class', 'prior-line').attr('x1', PAD.left).attr('x2', WIDTH - PAD.right);
    this.tick('prior-label').attr('x', WIDTH - PAD.right).attr('text-anchor', 'end');
    this.tick('y-zero').attr('x', PAD.left - 6).attr('y', bottom).attr('text-anchor', 'end').attr('dominant-baseline', 'middle').text('0');
    this.tick('y-one').attr('x', PAD.left - 6).attr('text-anchor', 'end').attr('dominant-baseline', 'middle').text('1');
    this.tick('x-start').attr('x', PAD.left).attr('y', HEIGHT - 6);
    this.tick('x-end').attr('x', WIDTH - PAD.right).attr('y', HEIGHT - 6).attr('text-anchor', 'end');
    this.render();
  }

  /** The training history; points without a finite sigma are skipped. */
  update(points: readonly SigmaPoint[]): void {
    this.points = points;
    this.render();
  }

  setText(text: MeanSigmaText): void {
    this.text = text;
    this.render();
  }

  destroy(): void {
    this.svg.remove();
  }

  private tick(role: string) {
    return this.svg.append('text').attr('class', 'tick').attr('data-role', role);
  }

  private render(): void {
    const points = this.points.filter((m) => Number.isFinite(m.meanSigma));
    const stride = Math.max(1, Math.ceil(points.length / MAX_POINTS));
    const thinned = points.filter((_, i) => i % stride === 0 || i === points.length - 1);
    const maxStep = Math.max(1, thinned[thinned.length - 1]?.step ?? 1);
    const maxSigma = Math.max(1.1, ...thinned.map((m) => m.meanSigma));
    const x = d3.scaleLinear().domain([0, maxStep]).range([PAD.left, WIDTH - PAD.right]);
    const y = d3.scaleLinear().domain([0, maxSigma]).range([HEIGHT - PAD.bottom, PAD.top]);
    const { label, prior, step } = this.text;

    this.svg.attr('aria-label', label);
    this.svg.select('line.prior-line').attr('y1', y(1)).attr('y2', y(1));
    this.svg.select('[data-role="prior-label"]').attr('y', y(1) - 4).text(prior);
    this.svg.select('[data-role="y-one"]').attr('y', y(1));
    this.svg.select('[data-role="x-start"]').text(step(0));
    this.svg.select('[data-role="x-end"]').text(step(maxStep));
    const path = thinned.map((m, i) => `${i ? 'L' : 'M'}${x(m.step).toFixed(1)},${y(m.meanSigma).toFixed(1)}`).join('');
    this.svg
      .selectAll<SVGPathElement, string>('path.sigma-line')
      .data(path ? [path] : [])
      .join('path')
      .attr('class', 'sigma-line')
      .attr('d', (d) => d);
  }
}
