// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { countActiveDims, KlBarChart } from '../../src/plots/barChart';

function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  return root;
}

describe('KlBarChart', () => {
  it('draws one bar per dimension, heights proportional to KL in nats', () => {
    const root = mount();
    const chart = new KlBarChart(root, { width: 360, height: 180 });
    chart.update([4, 0.02, 2, 1]);
    const bars = Array.from(root.querySelectorAll('rect[data-role="bar"]'));
    expect(bars).toHaveLength(4);
    const heights = bars.map((b) => Number(b.getAttribute('height')));
    expect(heights[0]! / heights[2]!).toBeCloseTo(2, 6);
    expect(heights[2]! / heights[3]!).toBeCloseTo(2, 6);
    expect(bars.map((b) => b.getAttribute('data-active'))).toEqual(['true', 'false', 'true', 'true']);
    expect(bars[1]!.getAttribute('fill')).toBe('#c8c8c8');
    expect(Array.from(root.querySelectorAll('[data-role="x-axis"] .tick text')).map((t) => t.textContent)).toEqual(['z1', 'z2', 'z3', 'z4']);
    expect(Array.from(root.querySelectorAll('[data-role="bar-value"]')).map((t) => t.textContent)).toEqual(['4.00', '0.02', '2.00', '1.00']);
    expect(root.querySelector('[data-role="summary"]')?.textContent).toBe('3 of 4 dimensions active (KL ≥ 0.1 nats)');
    const yTicks = Array.from(root.querySelectorAll('[data-role="y-axis"] .tick text')).map((t) => Number(t.textContent));
    expect(yTicks[0]).toBe(0);
    expect(yTicks[yTicks.length - 1]).toBeGreaterThanOrEqual(4);
  });

  it('treats NaN as missing and float noise below zero as zero', () => {
    const root = mount();
    const chart = new KlBarChart(root);
    chart.update(Float32Array.from([NaN, -1e-7, 3]));
    const bars = Array.from(root.querySelectorAll('rect[data-role="bar"]'));
    expect(bars.map((b) => Number(b.getAttribute('height')))).toEqual([0, 0, expect.any(Number)]);
    expect(Number(bars[2]!.getAttribute('height'))).toBeGreaterThan(0);
    expect(root.querySelector('[data-role="bar-value"]')?.textContent).toBe('—');
    expect(root.querySelector('[data-role="summary"]')?.textContent).toContain('1 of 3');
  });

  it('thins axis labels and drops value labels for 64 narrow bars, and keeps a fixed max', () => {
    const root = mount();
    const chart = new KlBarChart(root, { width: 360, maxNats: 10 });
    chart.update(Array.from({ length: 64 }, (_, i) => i / 8));
    expect(root.querySelectorAll('rect[data-role="bar"]')).toHaveLength(64);
    const labels = root.querySelectorAll('[data-role="x-axis"] .tick text');
    expect(labels.length).toBeLessThan(20);
    expect(labels[0]?.textContent).toBe('z1');
    expect(Array.from(root.querySelectorAll('[data-role="bar-value"]')).every((t) => t.textContent === '')).toBe(true);
    expect(chart.y.domain()).toEqual([0, 10]);
    chart.update([0.5]);
    expect(root.querySelectorAll('rect[data-role="bar"]')).toHaveLength(1);
  });

  it('counts active dims at the threshold', () => {
    expect(countActiveDims([0.1, 0.0999, NaN, 5], 0.1)).toBe(2);
  });
});
