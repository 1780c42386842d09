// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { KlPartsFigure } from '../../../src/components/figures/KlPartsFigure';
import { klNumeric } from '../../../src/toy/klDivergence';
import { byTestId, num, render, setRange } from './renderFigure';

const barHeight = (part: string) =>
  Number(byTestId('fig-kl-parts-plot').querySelector(`rect[data-role="kl-part-bar"][data-part="${part}"]`)?.getAttribute('height'));
const pointX = (part: string) =>
  Number(byTestId('fig-kl-parts-plot').querySelector(`circle[data-role="kl-part-point"][data-part="${part}"]`)?.getAttribute('cx'));

describe('KlPartsFigure', () => {
  it('shows the two parts whose sum is the numerically integrated KL', () => {
    render(<KlPartsFigure />);
    expect(byTestId('fig-kl-parts-plot').querySelectorAll('svg')).toHaveLength(3);
    const numeric = klNumeric({ kind: 'normal', mean: 1.2, sd: 0.4 }, { kind: 'normal', mean: 0, sd: 1 });
    expect(num('fig-kl-parts-total')).toBeCloseTo(numeric, 3);
    expect(num('fig-kl-parts-mean') + num('fig-kl-parts-variance')).toBeCloseTo(numeric, 2);
  });

  it('moving mu changes only the mean bar and point; moving sigma only the variance ones; the prior zeroes both', () => {
    render(<KlPartsFigure />);
    const meanH = barHeight('mean');
    const varH = barHeight('variance');
    const varX = pointX('variance');
    setRange('fig-kl-parts-mu', -2);
    expect(barHeight('mean')).toBeGreaterThan(meanH);
    expect(barHeight('variance')).toBe(varH);
    expect(pointX('variance')).toBe(varX);
    setRange('fig-kl-parts-sigma', 2);
    expect(barHeight('variance')).not.toBe(varH);
    setRange('fig-kl-parts-mu', 0);
    setRange('fig-kl-parts-sigma', 1);
    expect(num('fig-kl-parts-total')).toBe(0);
    expect(barHeight('mean')).toBe(0);
    expect(barHeight('variance')).toBe(0);
  });
});
