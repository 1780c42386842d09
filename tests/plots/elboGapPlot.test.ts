// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { elboGap } from '../../src/toy/elboGap';
import { ElboGapPlot } from '../../src/plots/elboGapPlot';

const roots: HTMLElement[] = [];
function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach((r) => r.remove()));

const decoder = { a: 0.5, b: 1, noiseSd: 0.5 };

describe('ElboGapPlot', () => {
  it('draws posterior, q, the ELBO curve under log p(x) with the gap band, and labels the current gap', () => {
    const root = mount();
    const plot = new ElboGapPlot(root, { width: 460 });
    plot.update({ decoder, x: 1.5, q: { mu: 0.5, sigma: 0.4 } });
    expect(root.querySelector('path[data-dist="posterior"]')).not.toBeNull();
    expect(root.querySelector('path[data-dist="q"]')).not.toBeNull();
    expect(root.querySelector('path[data-role="gap-band"]')).not.toBeNull();
    const line = root.querySelector('[data-role="log-evidence"]');
    const elboDot = root.querySelector('[data-role="current-elbo"]');
    // the ELBO lies below log p(x): larger SVG y
    expect(Number(elboDot?.getAttribute('cy'))).toBeGreaterThan(Number(line?.getAttribute('y1')));
    const r = elboGap(decoder, 1.5, { mu: 0.5, sigma: 0.4 });
    expect(root.querySelector('[data-role="gap-label"]')?.textContent).toBe(`gap ${r.gap.toFixed(2)}`);
    expect(root.querySelectorAll('svg')[1]?.getAttribute('aria-label')).toContain(r.logEvidence.toFixed(2));
    plot.destroy();
    expect(root.childElementCount).toBe(0);
  });

  it('redraws q and the gap when q changes', () => {
    const root = mount();
    const plot = new ElboGapPlot(root, { width: 460 });
    plot.update({ decoder, x: 1.5, q: { mu: 0.5, sigma: 0.4 } });
    const qPath = root.querySelector('path[data-dist="q"]')?.getAttribute('d');
    const label = root.querySelector('[data-role="gap-label"]')?.textContent;
    plot.update({ decoder, x: 1.5, q: { mu: -1, sigma: 0.4 } });
    expect(root.querySelector('path[data-dist="q"]')?.getAttribute('d')).not.toBe(qPath);
    expect(root.querySelector('[data-role="gap-label"]')?.textContent).not.toBe(label);
    plot.destroy();
  });
});
