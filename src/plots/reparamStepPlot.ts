/**
 * The reparameterization trick, one draw at a time: eps ~ N(0, 1) on the upper track,
 * z = mu + eps * sigma on the lower track under N(mu, sigma^2), both on one x axis so the map
 * eps -> z reads as a stretch by sigma and a shift by mu. Moving mu or sigma moves z smoothly
 * while eps stays put: the randomness is no longer in the path of the gradient.
 */
// d3 declares itself side-effect free, so a bundle drops d3-transition's patch of
// selection.prototype (.transition(), .interrupt()) unless this module imports it itself.
import 'd3-transition';
import * as d3 from 'd3';
import { normalDensity } from '../math/gaussian';
import { TOY_COLORS, ToyFrame, formatNumber, sampleGrid } from './toyFrame';

export interface ReparamStepData {
  mu: number;
  sigma: number;
  /** The current draw, or null before the first one. */
  eps: number | null;
  /** Changes on each new draw; a change animates z from eps to mu + eps sigma. */
  drawId: number;
  /** The words read out, in the reader's language (English when left out). */
  text?: ReparamStepPlotText;
}

export interface ReparamStepPlotText {
  label: string;
  noDraw: (mu: string, sigma: string) => string;
  drew: (eps: string, z: string) => string;
}

export const REPARAM_STEP_PLOT_TEXT_EN: ReparamStepPlotText = {
  label: 'Reparameterization',
  noDraw: (mu, sigma) => `Standard normal epsilon above, N(${mu}, ${sigma} squared) below; no draw yet`,
  drew: (eps, z) => `Drew epsilon = ${eps}; z = mu + epsilon sigma = ${z}`,
};

export interface ReparamStepPlotOptions {
  width?: number;
  /** x range shared by both tracks. */
  domain?: [number, number];
  /** Animate new draws (turn off for prefers-reduced-motion and tests). */
  animate?: boolean;
}

const MARGIN = { top: 10, right: 16, bottom: 30, left: 16 };
const ANIMATION_MS = 700;
/** No glide for readers who ask the system for reduced motion (CSS cannot stop a d3 transition). */
function animationMs(): number {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : ANIMATION_MS;
}

export class ReparamStepPlot {
  private readonly frame: ToyFrame;
  private readonly domain: [number, number];
  private readonly animate: boolean;
  private data: ReparamStepData | null = null;
  private lastDrawId: number | null = null;

  constructor(root: HTMLElement, options: ReparamStepPlotOptions = {}) {
    this.domain = options.domain ?? [-7, 7];
    this.animate = options.animate ?? true;
    this.frame = new ToyFrame(
      root,
      { width: options.width, aspect: 0.45, minHeight: 220, maxHeight: 280, margin: MARGIN, label: REPARAM_STEP_PLOT_TEXT_EN.label },
    );
  }

  update(data: ReparamStepData): void {
    const isNewDraw = this.lastDrawId !== null && data.drawId !== this.lastDrawId && data.eps !== null;
    this.lastDrawId = data.drawId;
    this.data = data;
    this.render(isNewDraw && this.animate);
  }

  /** usePlot saw the container resize; the frame measures its own width. */
  containerResized(): void {
    if (this.frame.widthChanged()) this.render(false);
  }

  destroy(): void {
    this.frame.destroy();
  }

  private render(animateDraw: boolean): void {
    const data = this.data;
    if (!data) return;
    const { innerWidth, innerHeight } = this.frame.layout();
    const plot = this.frame.plot;
    const [lo, hi] = this.domain;
    const x = d3.scaleLinear().domain(this.domain).range([0, innerWidth]);
    const clampX = (v: number) => x(Math.max(lo, Math.min(hi, v)));
    const trackGap = 26;
    const trackHeight = (innerHeight - trackGap) / 2;
    const xs = sampleGrid(lo, hi, 241);

    const tracks = [
      { key: 'eps', label: 'ε ~ N(0, 1)', mu: 0, sigma: 1, top: 0, color: TOY_COLORS.muted },
      {
        key: 'z',
        label: `z = μ + σε ~ N(${formatNumber(data.mu)}, ${formatNumber(data.sigma)}²)`,
        mu: data.mu,
        sigma: data.sigma,
        top: trackHeight + trackGap,
        color: TOY_COLORS.q,
      },
    ];
    // One density scale for both tracks, so a narrow sigma visibly peaks higher than N(0, 1).
    const peak = Math.max(normalDensity(0, 0, 1), normalDensity(data.mu, data.mu, data.sigma));
    const y = d3.scaleLinear().domain([0, peak]).range([trackHeight, 14]);

    const groups = plot
      .selectAll<SVGGElement, (typeof tracks)[number]>('g[data-role="track"]')
      .data(tracks, (t) => t.key)
      .join('g')
      .attr('data-role', 'track')
      .attr('data-track', (t) => t.key)
      .attr('transform', (t) => `translate(0,${t.top})`);

    groups
      .selectAll<SVGPathElement, (typeof tracks)[number]>('path[data-role="density"]')
      .data((t) => [t])
      .join('path')
      .attr('data-role', 'density')
      .attr('fill', (t) => t.color)
      .attr('fill-opacity', 0.18)
      .attr('stroke', (t) => t.color)
      .attr('stroke-width', 1.5)
      .attr('d', (t) =>
        d3
          .area<number>()
          .x((v) => x(v))
          .y0(trackHeight)
          .y1((v) => y(normalDensity(v, t.mu, t.sigma)))(xs),
      );
    groups
      .selectAll('line[data-role="track-axis"]')
      .data([0])
      .join('line')
      .attr('data-role', 'track-axis')
      .attr('x1', 0)
      .attr('x2', innerWidth)
      .attr('y1', trackHeight)
      .attr('y2', trackHeight)
      .attr('stroke', TOY_COLORS.muted);
    groups
      .selectAll('text[data-role="track-label"]')
      .data((t) => [t])
      .join('text')
      .attr('data-role', 'track-label')
      .attr('x', 0)
      .attr('y', 10)
      .attr('fill', TOY_COLORS.truth)
      .text((t) => t.label);

    this.frame.xAxis(x, innerWidth, innerHeight, 60);

    // The draw: a dot on each track and the line that maps one to the other.
    const eps = data.eps;
    const draws = eps === null ? [] : [eps];
    const z = eps === null ? 0 : data.mu + eps * data.sigma;
    const zTrackY = trackHeight * 2 + trackGap;

    plot
      .selectAll('circle[data-role="eps-dot"]')
      .data(draws)
      .join('circle')
      .attr('data-role', 'eps-dot')
      .attr('r', 6)
      .attr('fill', TOY_COLORS.truth)
      .attr('cx', (e) => clampX(e))
      .attr('cy', trackHeight);

    const connector = plot
      .selectAll('line[data-role="eps-to-z"]')
      .data(draws)
      .join('line')
      .attr('data-role', 'eps-to-z')
      .attr('stroke', TOY_COLORS.truth)
      .attr('stroke-dasharray', '3 3')
      .attr('x1', (e) => clampX(e))
      .attr('y1', trackHeight)
      .attr('y2', zTrackY);
    const zDot = plot
      .selectAll('circle[data-role="z-dot"]')
      .data(draws)
      .join('circle')
      .attr('data-role', 'z-dot')
      .attr('data-z', z)
      .attr('r', 6)
      .attr('fill', TOY_COLORS.q)
      .attr('stroke', TOY_COLORS.truth)
      .attr('cy', zTrackY);
    const zLabel = plot
      .selectAll('text[data-role="z-label"]')
      .data(draws)
      .join('text')
      .attr('data-role', 'z-label')
      .attr('y', zTrackY - 10)
      .attr('text-anchor', x(z) > innerWidth * 0.8 ? 'end' : x(z) < innerWidth * 0.2 ? 'start' : 'middle')
      .attr('fill', TOY_COLORS.truth)
      .text(eps === null ? '' : `ε = ${formatNumber(eps)} → z = ${formatNumber(z)}`);

    if (animateDraw && eps !== null) {
      // Start z where eps is (sigma = 1, mu = 0) and slide it to mu + eps sigma.
      zDot.interrupt().attr('cx', clampX(eps)).transition().duration(animationMs()).attr('cx', clampX(z));
      connector.interrupt().attr('x2', clampX(eps)).transition().duration(animationMs()).attr('x2', clampX(z));
      zLabel.interrupt().attr('x', clampX(eps)).transition().duration(animationMs()).attr('x', clampX(z));
    } else {
      zDot.interrupt().attr('cx', clampX(z));
      connector.interrupt().attr('x2', clampX(z));
      zLabel.interrupt().attr('x', clampX(z));
    }

    const text = data.text ?? REPARAM_STEP_PLOT_TEXT_EN;
    this.frame.setLabel(
      eps === null ? text.noDraw(formatNumber(data.mu), formatNumber(data.sigma)) : text.drew(formatNumber(eps), formatNumber(z)),
    );
  }
}
