// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { KlDivergencePlot } from '../../src/plots/klDivergencePlot';

const roots: HTMLElement[] = [];
function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach((r) => r.remove()));

const regions = (root: HTMLElement) =>
  Array.from(root.querySelectorAll('[data-role="infinite-region"]')).map((g) => ({
    direction: g.getAttribute('data-direction'),
    x: Number(g.querySelector('rect')?.getAttribute('x')),
    width: Number(g.querySelector('rect')?.getAttribute('width')),
  }));

describe('KlDivergencePlot', () => {
  it('draws p and q and no shaded region for two normals', () => {
    const root = mount();
    const plot = new KlDivergencePlot(root, { width: 454 }); // inner width 400 for [-6, 6]
    plot.update({ p: { kind: 'normal', mean: 0, sd: 1 }, q: { kind: 'normal', mean: 1, sd: 2 } });
    expect(root.querySelectorAll('path[data-role="density"]')).toHaveLength(2);
    expect(root.querySelector('[data-dist="q"]')).not.toBeNull();
    expect(regions(root)).toEqual([]);
    plot.destroy();
  });

  it('shades where p > 0 = q (both sides) for a uniform p wider than q', () => {
    const root = mount();
    const plot = new KlDivergencePlot(root, { width: 454 });
    plot.update({ p: { kind: 'uniform', a: -3, b: 3 }, q: { kind: 'uniform', a: 0, b: 3 } });
    // x(v) = (v + 6) / 12 * 400; region [-3, 0] -> x 100, width 100
    expect(regions(root)).toEqual([{ direction: 'pq', x: 100, width: 100 }]);
    plot.destroy();
  });

  it('shades both tails, clipped to the axis, for a normal p against a uniform q, and marks the direction', () => {
    const root = mount();
    const plot = new KlDivergencePlot(root, { width: 454 });
    plot.update({ p: { kind: 'normal', mean: 0, sd: 1 }, q: { kind: 'uniform', a: -3, b: 3 } });
    const shaded = regions(root);
    expect(shaded).toHaveLength(2);
    expect(shaded.every((r) => r.direction === 'pq')).toBe(true);
    expect(shaded[0]).toEqual({ direction: 'pq', x: 0, width: 100 });
    expect(shaded[1]).toEqual({ direction: 'pq', x: 300, width: 100 });

    // swap: now it is q that sticks out, and the regions flip direction
    plot.update({ p: { kind: 'uniform', a: -3, b: 3 }, q: { kind: 'normal', mean: 0, sd: 1 } });
    expect(regions(root).map((r) => r.direction)).toEqual(['qp', 'qp']);
    expect(root.querySelector('svg')?.getAttribute('aria-label')).toContain('shaded');
    plot.destroy();
  });

  it('draws a uniform as a flat top with vertical edges at the right height', () => {
    const root = mount();
    const plot = new KlDivergencePlot(root, { width: 454 });
    plot.update({ p: { kind: 'uniform', a: -1, b: 1 }, q: { kind: 'uniform', a: -2, b: 2 } });
    const d = root.querySelector('[data-dist="p"]')?.getAttribute('d') ?? '';
    // the path passes through x = 500/3 (v = -1) at both the baseline and the top
    const points = d.replace(/^M/, '').split(/L|Z/).filter(Boolean).map((s) => s.split(',').map(Number));
    const atEdge = points.filter(([px]) => Math.abs((px ?? 0) - 500 / 3) < 1e-2).map(([, py]) => py ?? NaN);
    expect(new Set(atEdge.map((v) => Math.round(v))).size).toBeGreaterThanOrEqual(2);
    // and the top sits at density 1/2: height 227 px (454 * 0.5) leaves 169 px inside the
    // margins; the y domain is [0, 1.1 * peak] = [0, 0.55] (already nice), so
    // y(0.5) = 169 * (1 - 0.5 / 0.55)
    expect(Math.min(...atEdge)).toBeCloseTo(169 * (1 - 0.5 / 0.55), 2);
    plot.destroy();
  });

  it('uses unique hatch pattern ids for two plots on one page', () => {
    const a = new KlDivergencePlot(mount(), { width: 300 });
    const b = new KlDivergencePlot(mount(), { width: 300 });
    const ids = Array.from(document.querySelectorAll('pattern')).map((p) => p.id);
    expect(new Set(ids).size).toBe(2);
    a.destroy();
    b.destroy();
  });
});
