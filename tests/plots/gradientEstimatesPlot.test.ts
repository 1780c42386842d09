// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { GradientEstimatesPlot } from '../../src/plots/gradientEstimatesPlot';

const roots: HTMLElement[] = [];
function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach((r) => r.remove()));

const barHeights = (root: HTMLElement, key: string) =>
  Array.from(root.querySelectorAll(`[data-estimator="${key}"] rect[data-role="bar"]`)).map((r) =>
    Number(r.getAttribute('height')),
  );

describe('GradientEstimatesPlot', () => {
  it('draws one histogram per estimator, a true-gradient line and an x axis', () => {
    const root = mount();
    const plot = new GradientEstimatesPlot(root, { width: 400, bins: 20 });
    const reparam = Array.from({ length: 100 }, (_, i) => 2 + (i % 10) * 0.01);
    const score = Array.from({ length: 100 }, (_, i) => -3 + (i % 10) * 0.8);
    plot.update({ reparam, score, trueGradient: 2 });

    const svg = root.querySelector('svg');
    expect(svg?.getAttribute('width')).toBe('400');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(root.querySelectorAll('g[data-role="estimator"]')).toHaveLength(2);
    // every estimate lands in a bar (the 1%-99% range is padded and nothing here is an outlier
    // by more than the padding) ...
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(barHeights(root, 'reparam').length).toBeGreaterThan(0);
    // ... the narrow estimator is a tall spike, the wide one is spread out
    expect(Math.max(...barHeights(root, 'reparam'))).toBeGreaterThan(Math.max(...barHeights(root, 'score')));
    expect(barHeights(root, 'score').filter((h) => h > 0).length).toBeGreaterThan(
      barHeights(root, 'reparam').filter((h) => h > 0).length,
    );
    expect(sum(barHeights(root, 'reparam'))).toBeGreaterThan(0);

    const truth = root.querySelector('line[data-role="true-gradient"]');
    expect(truth).not.toBeNull();
    expect(root.querySelector('[data-role="true-gradient-label"]')?.textContent).toContain('2');
    expect(root.querySelectorAll('[data-role="x-axis"] .tick').length).toBeGreaterThan(2);
    plot.destroy();
    expect(root.querySelector('svg')).toBeNull();
  });

  it('counts estimates beyond the shown range instead of dropping them silently', () => {
    const root = mount();
    const plot = new GradientEstimatesPlot(root, { width: 400, quantileRange: [0, 0.98] });
    const reparam = Array.from({ length: 100 }, (_, i) => i / 100);
    const score = [...Array.from({ length: 98 }, (_, i) => i / 98), 500, 900];
    plot.update({ reparam, score, trueGradient: 0.5 });
    const overflow = root.querySelector('[data-estimator="score"] [data-role="overflow"]');
    expect(overflow?.getAttribute('data-above')).toBe('2');
    expect(overflow?.getAttribute('data-below')).toBe('0');
    expect(overflow?.textContent).toBe('off scale: 2 →');
    expect(root.querySelector('[data-estimator="reparam"] [data-role="overflow"]')).toBeNull();
    plot.destroy();
  });

  it('keeps the true gradient on screen when all estimates are far from it', () => {
    const root = mount();
    const plot = new GradientEstimatesPlot(root, { width: 300 });
    plot.update({ reparam: [10, 10.1, 10.2], score: [9.9, 10, 10.3], trueGradient: 0 });
    const x = Number(root.querySelector('line[data-role="true-gradient"]')?.getAttribute('x1'));
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(300);
    plot.destroy();
  });
});
