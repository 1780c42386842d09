// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { ReparamStepPlot } from '../../src/plots/reparamStepPlot';

const roots: HTMLElement[] = [];
function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach((r) => r.remove()));

const cx = (root: HTMLElement, role: string) => Number(root.querySelector(`[data-role="${role}"]`)?.getAttribute('cx'));

describe('ReparamStepPlot', () => {
  it('draws both densities, and no dots before the first draw', () => {
    const root = mount();
    const plot = new ReparamStepPlot(root, { width: 500, animate: false });
    plot.update({ mu: 1, sigma: 2, eps: null, drawId: 0 });
    expect(root.querySelectorAll('[data-role="track"]')).toHaveLength(2);
    expect(root.querySelectorAll('path[data-role="density"]')).toHaveLength(2);
    expect(root.querySelector('[data-role="eps-dot"]')).toBeNull();
    expect(root.querySelector('[data-track="z"] [data-role="track-label"]')?.textContent).toContain('N(1, 2²)');
    plot.destroy();
  });

  it('places z at mu + eps sigma on the shared axis', () => {
    const root = mount();
    // width 500 - margins 32 = 468 px for [-7, 7]: x(v) = (v + 7) / 14 * 468
    const plot = new ReparamStepPlot(root, { width: 500, animate: false });
    const px = (v: number) => ((v + 7) / 14) * 468;
    plot.update({ mu: 1, sigma: 2, eps: 0.5, drawId: 1 });
    expect(cx(root, 'eps-dot')).toBeCloseTo(px(0.5), 6);
    expect(cx(root, 'z-dot')).toBeCloseTo(px(2), 6);
    expect(root.querySelector('[data-role="z-label"]')?.textContent).toBe('ε = 0.5 → z = 2');

    // moving mu with eps fixed moves z, not eps: the randomness stays put
    plot.update({ mu: -1, sigma: 2, eps: 0.5, drawId: 1 });
    expect(cx(root, 'eps-dot')).toBeCloseTo(px(0.5), 6);
    expect(cx(root, 'z-dot')).toBeCloseTo(px(0), 6);
    plot.destroy();
  });

  it('clamps a z beyond the axis to its edge', () => {
    const root = mount();
    const plot = new ReparamStepPlot(root, { width: 500, animate: false });
    plot.update({ mu: 2, sigma: 2, eps: 3.5, drawId: 1 });
    expect(cx(root, 'z-dot')).toBeCloseTo(468, 6);
    expect(root.querySelector('[data-role="z-dot"]')?.getAttribute('data-z')).toBe('9');
    plot.destroy();
  });
});
