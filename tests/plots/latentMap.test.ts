// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestCodes } from '../../src/shared/types';
import { mulberry32 } from '../../src/math/random';
import { LatentMap } from '../../src/plots/latentMap';
import { stubCanvasContext } from './stubCanvas';

function randomCodes(count: number, latentDim: number, seed = 1): TestCodes {
  const uniform = mulberry32(seed);
  const rand = () => uniform() * 2 - 1;
  const mu = new Float32Array(count * latentDim).map(() => 3 * rand());
  const logVar = new Float32Array(count * latentDim).map(() => -2 + rand());
  return { count, latentDim, mu, logVar };
}

const roots: HTMLElement[] = [];
function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  roots.push(root);
  return root;
}

beforeEach(() => stubCanvasContext(null));
afterEach(() => {
  roots.splice(0).forEach((r) => r.remove());
  vi.restoreAllMocks();
});

// Figure 480 x 500 with margins (40 left, 12 right, 28 top, 36 bottom): a 428 px square plot.
const SIDE = 428;

function ticks(root: HTMLElement, axis: string): number[] {
  return Array.from(root.querySelectorAll(`[data-role="${axis}"] .tick text`)).map((t) => Number((t.textContent ?? '').replace('\u2212', '-')));
}

describe('LatentMap', () => {
  it('draws axes over the fixed domain, labels the chosen dims and has a 10-entry legend', () => {
    const root = mount();
    const map = new LatentMap(root, { dimX: 2, dimY: 0 });
    map.update({ codes: randomCodes(2000, 4), labels: new Uint8Array(2000) });
    const x = ticks(root, 'x-axis');
    expect(x[0]).toBe(-4);
    expect(x[x.length - 1]).toBe(4);
    expect(x).toContain(0);
    expect(ticks(root, 'y-axis')).toEqual(x);
    expect(root.querySelector('[data-role="x-label"]')?.textContent).toBe('z3');
    expect(root.querySelector('[data-role="y-label"]')?.textContent).toBe('z1');
    const legend = Array.from(root.querySelectorAll('[data-role="legend-item"]'));
    expect(legend.map((g) => g.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(legend[1]!.querySelector('circle')!.getAttribute('fill')).toBe('#ff7f0e');
    const canvas = root.querySelector('canvas[data-role="points"]') as HTMLCanvasElement;
    expect(canvas.style.width).toBe(`${SIDE}px`);
    expect(map.pointsDrawn).toBe(0); // jsdom: no context, and no throw
  });

  it('extends the domain when a code falls outside it', () => {
    const root = mount();
    const map = new LatentMap(root);
    const codes = randomCodes(50, 2);
    codes.mu[7 * 2 + 1] = -6.3;
    map.update({ codes, labels: new Uint8Array(50) });
    expect(map.y.domain()).toEqual([-7, 4]);
    expect(ticks(root, 'y-axis')[0]).toBeLessThanOrEqual(-6);
    map.setOptions({ autoExtend: false });
    expect(map.y.domain()).toEqual([-4, 4]);
  });

  it('paints every finite code on the canvas when a context exists', () => {
    vi.restoreAllMocks();
    const arcs: number[] = [];
    stubCanvasContext({ setTransform() {}, clearRect() {}, beginPath() {}, moveTo() {}, fill() {}, arc: (x: number) => arcs.push(x), fillStyle: '', globalAlpha: 1 });
    const root = mount();
    const map = new LatentMap(root);
    const codes = randomCodes(3000, 2);
    codes.mu[0] = NaN;
    map.update({ codes, labels: Uint8Array.from({ length: 3000 }, (_, i) => i % 10) });
    expect(map.pointsDrawn).toBe(2999);
    // Drawn grouped by label: the first arc is label 0's first finite code, index 10 (0 is NaN).
    expect(arcs[0]).toBeCloseTo(map.x(codes.mu[20]!), 3);
    for (const x of arcs) expect(x).toBeGreaterThanOrEqual(0);
  });

  it('draws 1- and 2-sigma ellipses of the selected digit with radii k*exp(logVar/2) in pixels', () => {
    const root = mount();
    const map = new LatentMap(root, { dimX: 1, dimY: 2 });
    const codes = randomCodes(100, 3);
    const i = 42;
    codes.mu.set([9, 1.5, -0.5], i * 3);
    codes.logVar.set([5, Math.log(0.25), Math.log(0.04)], i * 3); // sigma 0.5 on dim 1, 0.2 on dim 2
    // logVar is stored as float32, so radii agree to ~1e-6 px, not to double precision.
    const labels = new Uint8Array(100);
    labels[i] = 7;
    map.update({ codes, labels });
    map.setOverlays({ selectedIndex: i });
    const pxPerUnit = SIDE / 8;
    const one = root.querySelector('[data-item="selected"] [data-role="posterior-1sigma"]')!;
    const two = root.querySelector('[data-item="selected"] [data-role="posterior-2sigma"]')!;
    expect(Number(one.getAttribute('rx'))).toBeCloseTo(0.5 * pxPerUnit, 4);
    expect(Number(one.getAttribute('ry'))).toBeCloseTo(0.2 * pxPerUnit, 4);
    expect(Number(two.getAttribute('rx'))).toBeCloseTo(1.0 * pxPerUnit, 4);
    expect(Number(two.getAttribute('ry'))).toBeCloseTo(0.4 * pxPerUnit, 4);
    expect(Number(one.getAttribute('cx'))).toBeCloseTo((1.5 + 4) * pxPerUnit, 4);
    expect(Number(one.getAttribute('cy'))).toBeCloseTo((4 + 0.5) * pxPerUnit, 4);
    expect(one.getAttribute('stroke')).toBe('#7f7f7f'); // category10 colour of digit 7

    map.setOverlays({ selectedIndex: null, extraPosteriors: [{ mu: [0, 1, 0], logVar: [0, 0, Math.log(9)], label: 'yours' }] });
    expect(root.querySelector('[data-item="selected"]')).toBeNull();
    const extra = root.querySelector('[data-item="extra-0"] [data-role="posterior-1sigma"]')!;
    expect(Number(extra.getAttribute('rx'))).toBeCloseTo(pxPerUnit, 4);
    expect(Number(extra.getAttribute('ry'))).toBeCloseTo(3 * pxPerUnit, 4);
    expect(root.querySelector('[data-role="extra-label"]')?.textContent).toBe('yours');
  });

  it('marks CVAE class means with their digit and shows the current z marker', () => {
    const root = mount();
    const map = new LatentMap(root);
    map.update({ codes: randomCodes(10, 3), labels: new Uint8Array(10) });
    const classMeans = new Float32Array(30);
    for (let d = 0; d < 10; d++) classMeans.set([d - 4.5, 0, -d / 3], d * 3);
    map.setOverlays({ classMeans, currentZ: [1, -2, 0] });
    const marks = Array.from(root.querySelectorAll('[data-role="class-mean"]'));
    expect(marks.map((m) => m.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(marks[3]!.getAttribute('transform')).toBe(`translate(${map.x(-1.5)},${map.y(0)})`);
    expect(root.querySelector('[data-role="current-z"]')!.getAttribute('transform')).toBe(`translate(${map.x(1)},${map.y(-2)})`);
  });

  it('reports the nearest point on hover and null when nothing is near, and selects on click', () => {
    const root = mount();
    const onHover = vi.fn();
    const onSelect = vi.fn();
    const map = new LatentMap(root, { onHover, onSelect, hoverRadiusPx: 10 });
    const codes: TestCodes = { count: 3, latentDim: 2, mu: Float32Array.from([0, 0, 1, 1, 1.1, 1.2]), logVar: new Float32Array(6) };
    map.update({ codes, labels: Uint8Array.from([0, 1, 2]) });
    const hit = root.querySelector('[data-role="hit-area"]')!;
    // jsdom puts every client rect at 0,0, so client coordinates are plot coordinates.
    const at = (zx: number, zy: number) => ({ clientX: map.x(zx), clientY: map.y(zy), bubbles: true });
    hit.dispatchEvent(new MouseEvent('pointermove', at(1.08, 1.17)));
    expect(onHover).toHaveBeenLastCalledWith(2, map.x(1.08), map.y(1.17));
    hit.dispatchEvent(new MouseEvent('pointermove', at(0.98, 1.01)));
    expect(onHover).toHaveBeenLastCalledWith(1, expect.any(Number), expect.any(Number));
    hit.dispatchEvent(new MouseEvent('pointermove', at(-2, 2))); // 10 px is < 0.2 units here
    expect(onHover).toHaveBeenLastCalledWith(null, expect.any(Number), expect.any(Number));
    const calls = onHover.mock.calls.length;
    hit.dispatchEvent(new MouseEvent('pointermove', at(-2.1, 2)));
    expect(onHover.mock.calls.length).toBe(calls); // a second miss is not reported again

    hit.dispatchEvent(new MouseEvent('click', at(0.02, -0.03)));
    expect(onSelect).toHaveBeenLastCalledWith(0);
    hit.dispatchEvent(new MouseEvent('click', at(3, 3)));
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });

  it('lets the reader drag the current z marker, clamped to the domain', () => {
    const root = mount();
    const onCurrentZChange = vi.fn();
    const map = new LatentMap(root, { onCurrentZChange });
    map.update({ codes: randomCodes(10, 2), labels: new Uint8Array(10) });
    map.setOverlays({ currentZ: [0, 0] });
    const marker = root.querySelector('[data-role="current-z"]')!;
    marker.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true }));
    marker.dispatchEvent(new MouseEvent('pointermove', { clientX: map.x(1.5), clientY: map.y(-0.5), bubbles: true }));
    expect(onCurrentZChange.mock.calls[0]![0]).toBeCloseTo(1.5, 6);
    expect(onCurrentZChange.mock.calls[0]![1]).toBeCloseTo(-0.5, 6);
    expect(marker.getAttribute('transform')).toBe(`translate(${map.x(1.5)},${map.y(-0.5)})`);
    marker.dispatchEvent(new MouseEvent('pointermove', { clientX: map.x(9), clientY: map.y(0), bubbles: true }));
    expect(onCurrentZChange.mock.calls[1]![0]).toBe(4);
    marker.dispatchEvent(new MouseEvent('pointerup', { bubbles: true }));
    marker.dispatchEvent(new MouseEvent('pointermove', { clientX: map.x(2), clientY: map.y(2), bubbles: true }));
    expect(onCurrentZChange).toHaveBeenCalledTimes(2);
  });

  it('removes everything it added on destroy', () => {
    const root = mount();
    const map = new LatentMap(root);
    map.destroy();
    expect(root.children).toHaveLength(0);
  });
});

describe('LatentMap aggregate posterior', () => {
  const pathPoints = (d: string) => Array.from(d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)).map((m) => [Number(m[1]), Number(m[2])] as const);

  it('draws nothing until asked; then the prior circles and the contours of q(z), which follow the codes', () => {
    const root = mount();
    const map = new LatentMap(root, { autoExtend: false });
    map.update({ codes: randomCodes(500, 2), labels: new Uint8Array(500) });
    expect(root.querySelectorAll('[data-role="aggregate-contour"]')).toHaveLength(0);
    map.setOverlays({ aggregate: true });
    expect(root.querySelectorAll('circle[data-role="prior-circle"]')).toHaveLength(2);
    const r1 = Number(root.querySelector('circle[data-role="prior-circle"][data-sigma="1"]')?.getAttribute('r'));
    expect(r1).toBeCloseTo(SIDE / 8, 6);
    const before = root.querySelector('path[data-role="aggregate-contour"][data-sigma="2"]')?.getAttribute('d');
    expect(before?.length).toBeGreaterThan(10);
    map.update({ codes: randomCodes(500, 2, 7), labels: new Uint8Array(500) });
    expect(root.querySelector('path[data-role="aggregate-contour"][data-sigma="2"]')?.getAttribute('d')).not.toBe(before);
    map.setOverlays({ aggregate: false });
    expect(root.querySelectorAll('[data-role="aggregate-contour"]')).toHaveLength(0);
    map.destroy();
  });

  it('when every posterior is N(0, I), the contours lie on the prior circles', () => {
    const root = mount();
    const map = new LatentMap(root, { autoExtend: false });
    const codes: TestCodes = { count: 50, latentDim: 2, mu: new Float32Array(100), logVar: new Float32Array(100) };
    map.update({ codes, labels: new Uint8Array(50) });
    map.setOverlays({ aggregate: true });
    const centre = SIDE / 2;
    for (const k of [1, 2]) {
      const d = root.querySelector(`path[data-role="aggregate-contour"][data-sigma="${k}"]`)?.getAttribute('d') ?? '';
      const radii = pathPoints(d).map(([x, y]) => Math.hypot(x - centre, y - centre));
      expect(radii.length).toBeGreaterThan(8);
      // within a grid cell (8 latent units / 48 cells = 8.9 px) of the k-sigma circle
      for (const r of radii) expect(Math.abs(r - (k * SIDE) / 8)).toBeLessThan(SIDE / 48);
    }
    map.destroy();
  });
});
