// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { KlFitPlot } from '../../src/plots/klFitPlot';

const roots: HTMLElement[] = [];
function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach((r) => r.remove()));

describe('KlFitPlot', () => {
  it('draws the target, q and q\'s mean, and labels itself', () => {
    const root = mount();
    const plot = new KlFitPlot(root, { width: 344, label: 'Reverse KL fit' }); // inner width 320 on [-8, 8]
    plot.update({ target: { separation: 6, leftWeight: 0.5, componentSd: 1 }, q: { mu: 3, logSigma: 0 } });
    expect(root.querySelector('path[data-role="target"]')).not.toBeNull();
    expect(root.querySelector('path[data-role="q"]')).not.toBeNull();
    expect(Number(root.querySelector('[data-role="q-mean"]')?.getAttribute('x1'))).toBeCloseTo((11 / 16) * 320, 6);
    const label = root.querySelector('svg')?.getAttribute('aria-label') ?? '';
    expect(label).toContain('Reverse KL fit');
    expect(label).toContain('mean 3');
    plot.destroy();
    expect(root.childElementCount).toBe(0);
  });

  it('scales y to the taller curve, so a narrow q is drawn whole', () => {
    const root = mount();
    const plot = new KlFitPlot(root, { width: 344 });
    plot.update({ target: { separation: 6, leftWeight: 0.5, componentSd: 1 }, q: { mu: 0, logSigma: Math.log(0.1) } });
    const d = root.querySelector('path[data-role="q"]')?.getAttribute('d') ?? '';
    const ys = Array.from(d.matchAll(/,(-?[\d.e-]+)/g)).map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0); // never above the plot's top
    expect(Math.min(...ys)).toBeLessThan(20); // and its peak reaches near the top
    plot.destroy();
  });
});
