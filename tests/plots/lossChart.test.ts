// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { LossChart, type LossPoint } from '../../src/plots/lossChart';
import { lossUnits } from '../../src/shared/lossUnits';

const roots: HTMLElement[] = [];
function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach((r) => r.remove()));

function trainingRun(n: number): LossPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    step: i * 10,
    seconds: i * 0.5,
    loss: 100 + 400 * Math.exp(-i / 50) + (i % 7),
    recon: 80 + 400 * Math.exp(-i / 50),
    kl: 20 + (i % 7),
    testNelbo: i % 100 === 0 ? 110 + 400 * Math.exp(-i / 50) : undefined,
  }));
}

function tickValues(root: HTMLElement, axis: 'x-axis' | 'y-axis'): number[] {
  return Array.from(root.querySelectorAll(`[data-role="${axis}"] .tick text`)).map((t) =>
    Number((t.textContent ?? '').replace(/\u2212/g, '-').replace(/,/g, '')),
  );
}

function pathPoints(d: string | null): number {
  return (d ?? '').split(/[ML]/).filter((s) => s.trim()).length;
}

describe('LossChart', () => {
  it('renders axes and an empty plot with 0 points', () => {
    const root = mount();
    const chart = new LossChart(root, { width: 400, height: 240 });
    chart.update([], 1);
    expect(root.querySelector('[data-role="x-axis"] .domain')).not.toBeNull();
    expect(tickValues(root, 'y-axis').length).toBeGreaterThan(1);
    expect(root.querySelectorAll('[data-role="legend-item"]')).toHaveLength(3);
    expect(chart.showTooltipAtX(5)).toBe(-1);
    expect((root.querySelector('[data-role="tooltip"]') as HTMLElement).style.display).toBe('none');
    chart.destroy();
    expect(root.children).toHaveLength(0);
  });

  it('shows a single point as a dot inside the axes', () => {
    const root = mount();
    const chart = new LossChart(root, { width: 400, height: 240 });
    chart.update([{ step: 0, seconds: 0, loss: 543.2, recon: 540, kl: 3.2 }], 1);
    const dot = root.querySelector('[data-series="loss"] circle[data-role="dot"]');
    expect(dot).not.toBeNull();
    const cx = Number(dot!.getAttribute('cx'));
    const cy = Number(dot!.getAttribute('cy'));
    expect(cx).toBeGreaterThan(0);
    expect(cx).toBeLessThan(400 - 52 - 14);
    expect(cy).toBeGreaterThanOrEqual(0);
  });

  it('has sensible ticks spanning the data, labelled in nats', () => {
    const root = mount();
    const chart = new LossChart(root, { width: 560, height: 300 });
    chart.update(trainingRun(500), 1);
    const x = tickValues(root, 'x-axis');
    expect(x[0]).toBeGreaterThanOrEqual(0);
    expect(x[x.length - 1]).toBeLessThanOrEqual(4990);
    expect(x.length).toBeGreaterThanOrEqual(3);
    const y = tickValues(root, 'y-axis');
    expect(y[0]).toBe(0);
    expect(y[y.length - 1]).toBeGreaterThanOrEqual(500);
    expect(root.querySelector('[data-role="y-label"]')?.textContent).toContain('nats');
    expect(root.querySelector('[data-role="x-label"]')?.textContent).toContain('step');
    chart.setOptions({ xAxis: 'seconds' });
    expect(root.querySelector('[data-role="x-label"]')?.textContent).toContain('(s)');
    expect(Math.max(...tickValues(root, 'x-axis'))).toBeLessThanOrEqual(249.5);
  });

  it('lists beta*KL in the legend only when beta != 1, and the held-out series when present', () => {
    const root = mount();
    const chart = new LossChart(root);
    chart.update(trainingRun(300), 4);
    const keys = Array.from(root.querySelectorAll('[data-role="legend-item"]')).map((g) => g.getAttribute('data-series'));
    expect(keys).toEqual(['loss', 'recon', 'kl', 'betaKl', 'testNelbo']);
    expect(root.querySelector('[data-series="betaKl"] text')?.textContent).toContain('β = 4');
    chart.update(trainingRun(300), 1);
    expect(root.querySelector('[data-role="legend-item"][data-series="betaKl"]')).toBeNull();
    expect(root.querySelectorAll('[data-role="lines"] [data-series="testNelbo"] circle')).toHaveLength(3);
  });

  it('uses a log axis with positive ticks and skips values it cannot place', () => {
    const root = mount();
    const chart = new LossChart(root, { yScale: 'log' });
    const points = trainingRun(200);
    points[5] = { ...points[5]!, kl: 0, loss: NaN };
    chart.update(points, 1);
    // A log axis labels only some ticks (1, 2, 10, 20, ...) and leaves the rest blank.
    const labels = Array.from(root.querySelectorAll('[data-role="y-axis"] .tick text')).map((t) => t.textContent ?? '').filter((t) => t !== '');
    expect(labels).toContain('100');
    const y = labels.map((t) => Number(t.replace(/,/g, '')));
    for (const v of y) expect(v).toBeGreaterThan(0);
    for (const path of root.querySelectorAll('[data-role="lines"] path')) {
      expect(path.getAttribute('d')).not.toMatch(/NaN|Infinity/);
    }
    expect(pathPoints(root.querySelector('[data-series="loss"] path[data-role="raw"]')!.getAttribute('d'))).toBe(199);
  });

  it('decimates 10,000 points for drawing but tooltips show the exact value of the nearest step', () => {
    const root = mount();
    // Smoothing on: the tooltip must still show raw values, not the EMA.
    const chart = new LossChart(root, { width: 560, height: 300, smoothing: 0.9 });
    const points = trainingRun(10_000);
    chart.update(points, 0.5);
    const d = root.querySelector('[data-series="loss"] path[data-role="raw"]')!.getAttribute('d');
    expect(pathPoints(d)).toBeLessThan(2 * (560 - 66) + 3);

    const target = root.querySelector('[data-role="hover-target"]')!;
    // jsdom lays nothing out, so the target's client rect is at 0 and clientX is plot x.
    const plotWidth = 560 - 52 - 14;
    const wantedStep = 61_234; // between steps 61,230 and 61,240: nearest is 61,230
    const clientX = (wantedStep / 99_990) * plotWidth;
    target.dispatchEvent(new MouseEvent('pointermove', { clientX, bubbles: true }));
    const tooltip = root.querySelector('[data-role="tooltip"]') as HTMLElement;
    expect(tooltip.style.display).toBe('block');
    const header = tooltip.querySelector('[data-role="tooltip-header"]')!.textContent;
    const step = Number(header.replace(/[^0-9]/g, ''));
    expect(Math.abs(step - wantedStep)).toBeLessThanOrEqual(200); // one pixel is ~200 steps
    const point = points[step / 10]!;
    const value = (key: string) => tooltip.querySelector(`[data-series="${key}"] [data-role="value"]`)?.textContent;
    expect(value('loss')).toBe(`${point.loss.toFixed(2)} nats`);
    expect(value('kl')).toBe(`${point.kl.toFixed(2)} nats`);
    expect(value('betaKl')).toBe(`${(0.5 * point.kl).toFixed(2)} nats`);
    // The last evaluation at or before that step, with its own step.
    const evalStep = Math.floor(step / 1000) * 1000;
    expect(value('testNelbo')).toBe(`${points[evalStep / 10]!.testNelbo!.toFixed(2)} nats (step ${evalStep.toLocaleString('en-US')})`);
    const rule = root.querySelector('[data-role="hover-rule"]')!;
    expect(rule.getAttribute('visibility')).toBe('visible');

    target.dispatchEvent(new MouseEvent('pointerleave'));
    expect(tooltip.style.display).toBe('none');
  });

  it('finds the exact nearest step via showTooltipAtX and marks a NaN value as missing', () => {
    const root = mount();
    const chart = new LossChart(root);
    const points = trainingRun(50);
    points[3] = { ...points[3]!, recon: NaN };
    chart.update(points, 1);
    expect(chart.showTooltipAtX(34)).toBe(3);
    const tooltip = root.querySelector('[data-role="tooltip"]')!;
    expect(tooltip.querySelector('[data-series="recon"] [data-role="value"]')?.textContent).toBe('—');
    expect(tooltip.querySelector('[data-series="loss"] [data-role="value"]')?.textContent).toBe(`${points[3].loss.toFixed(2)} nats`);
    expect(chart.showTooltipAtX(36)).toBe(4);
  });

  it('draws a smoothed line over a faint raw one when smoothing is on', () => {
    const root = mount();
    const chart = new LossChart(root, { smoothing: 0.6 });
    chart.update(trainingRun(100), 1);
    const raw = root.querySelector('[data-series="loss"] path[data-role="raw"]')!;
    const smooth = root.querySelector('[data-series="loss"] path[data-role="smoothed"]')!;
    expect(Number(raw.getAttribute('stroke-opacity'))).toBeLessThan(1);
    expect(smooth.getAttribute('d')).not.toBe(raw.getAttribute('d'));
    expect(root.querySelector('[data-series="testNelbo"] path[data-role="smoothed"]')).toBeNull();
    chart.setOptions({ smoothing: 0 });
    expect(root.querySelector('[data-series="loss"] path[data-role="smoothed"]')).toBeNull();
  });

  it('labels squared error and the pixel-mean bug in their own units, the KL and held-out score in nats', () => {
    const root = mount();
    const chart = new LossChart(root, { width: 560, height: 300, units: lossUnits('mse', 'sum') });
    chart.update(trainingRun(200), 1);
    expect(root.querySelector('[data-role="y-label"]')?.textContent).toBe('reconstruction in sq. error, KL in nats');
    chart.showTooltipAtX(1000);
    const value = (key: string): string => root.querySelector(`[data-series="${key}"] [data-role="value"]`)?.textContent ?? '';
    expect(value('recon')).toMatch(/sq\. error$/);
    expect(value('loss')).toMatch(/mixed units$/);
    expect(value('kl')).toMatch(/nats$/);
    expect(value('testNelbo')).toMatch(/nats/);
    chart.setOptions({ units: lossUnits('bce', 'mean') });
    chart.showTooltipAtX(1000);
    expect(value('recon')).toMatch(/nats\/pixel$/);
  });
});
