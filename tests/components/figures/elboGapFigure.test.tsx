// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ElboGapFigure } from '../../../src/components/figures/ElboGapFigure';
import { elboGap, linearGaussianPosterior } from '../../../src/toy/elboGap';
import { byTestId, click, num, render, setRange } from './renderFigure';

describe('ElboGapFigure', () => {
  it('reads the exact toy math: ELBO + gap = log p(x), and the gap matches the separately integrated KL', () => {
    render(<ElboGapFigure />);
    expect(byTestId('fig-elbo-gap-plot').querySelectorAll('svg')).toHaveLength(2);
    const expected = elboGap({ a: 0.5, b: 1, noiseSd: 0.5 }, 1.5, { mu: 0.2, sigma: 0.8 });
    expect(num('fig-elbo-gap-logpx')).toBeCloseTo(expected.logEvidence, 2);
    expect(num('fig-elbo-gap-elbo')).toBeCloseTo(expected.elbo, 2);
    expect(num('fig-elbo-gap-gap')).toBeCloseTo(num('fig-elbo-gap-kl'), 3);
    expect(num('fig-elbo-gap-gap')).toBeGreaterThan(0);
  });

  it('moving q moves the ELBO and the shaded gap but not log p(x); moving x moves log p(x)', () => {
    render(<ElboGapFigure />);
    const logPx = num('fig-elbo-gap-logpx');
    const elbo = num('fig-elbo-gap-elbo');
    const gapY = () => byTestId('fig-elbo-gap-plot').querySelector('[data-role="current-gap"]')?.getAttribute('y2');
    const before = gapY();
    setRange('fig-elbo-gap-mu', 1.1);
    setRange('fig-elbo-gap-sigma', 0.3);
    expect(num('fig-elbo-gap-logpx')).toBe(logPx);
    expect(num('fig-elbo-gap-elbo')).not.toBe(elbo);
    expect(gapY()).not.toBe(before);
    setRange('fig-elbo-gap-x', -1);
    expect(num('fig-elbo-gap-logpx')).not.toBe(logPx);
  });

  it('linear decoder: "q = the true posterior" closes the gap', () => {
    render(<ElboGapFigure />);
    click('fig-elbo-gap-decoder-linear');
    expect(num('fig-elbo-gap-gap')).toBeGreaterThan(0.05);
    click('fig-elbo-gap-fit');
    const post = linearGaussianPosterior({ a: 1.5, b: 0, noiseSd: 0.5 }, 1.5);
    expect(Number((byTestId('fig-elbo-gap-mu') as HTMLInputElement).value)).toBeCloseTo(post.mu, 2);
    // rounded to the sliders' 0.01 steps, so the gap is tiny rather than exactly 0
    expect(num('fig-elbo-gap-gap')).toBeLessThan(0.005);
  });
});
