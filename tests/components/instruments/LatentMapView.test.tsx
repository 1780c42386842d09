// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LatentMapView } from '../../../src/components/instruments/LatentMapView';
import { stubCanvasContext } from '../../plots/stubCanvas';
import { byTestId, cleanup, fakeSnapshot, makeLab, render, setInput } from './fakeLab';

beforeEach(() => stubCanvasContext(null));
afterEach(cleanup);

/** Client position of code i: jsdom lays the hit area out at (0, 0) and the axes span [-4, 4]. */
function positionOf(el: HTMLElement, mu: Float32Array, i: number, latentDim = 2): { clientX: number; clientY: number } {
  const side = Number(el.querySelector('[data-role="hit-area"]')!.getAttribute('width'));
  const x = ((mu[i * latentDim]! + 4) / 8) * side;
  const y = ((4 - mu[i * latentDim + 1]!) / 8) * side;
  return { clientX: x, clientY: y };
}

describe('LatentMapView', () => {
  it('draws the map into data-testid="latent-map" with a 10-digit legend and axes over the codes', () => {
    const lab = makeLab(2);
    const el = render(lab, <LatentMapView />);
    const root = byTestId('latent-map', el);
    expect(root.querySelectorAll('svg[data-role="latent-svg"]')).toHaveLength(1); // StrictMode made one, not two
    expect(root.querySelectorAll('[data-role="legend-item"]')).toHaveLength(10);
    expect(root.querySelector('[data-role="x-label"]')!.textContent).toBe('z1');
    expect(root.querySelectorAll('[data-role="x-axis"] .tick').length).toBeGreaterThan(2);
    expect(el.querySelector('.plot-placeholder')).toBeNull();
    expect(el.querySelector('[data-testid="map-dim-x"]')).toBeNull(); // latent size 2: no chooser
  });

  it('clicking a point selects it (view.selectedIndex) and outlines its 1- and 2-sigma ellipses', () => {
    const lab = makeLab(2);
    const el = render(lab, <LatentMapView />);
    const root = byTestId('latent-map', el);
    const { mu } = lab.store.getState().snapshot!.codes;
    const hit = root.querySelector('[data-role="hit-area"]')!;
    act(() => { hit.dispatchEvent(new MouseEvent('click', { bubbles: true, ...positionOf(root, mu, 7) })); });
    const selected = lab.view.getState().selectedIndex;
    expect(selected).not.toBeNull();
    // the nearest code to code 7's position is code 7 unless two codes coincide within 10 px
    const pos7 = positionOf(root, mu, 7);
    const posSel = positionOf(root, mu, selected!);
    expect(Math.hypot(pos7.clientX - posSel.clientX, pos7.clientY - posSel.clientY)).toBeLessThan(1e-6 + 10);
    const ellipse = root.querySelector('[data-item="selected"] [data-role="posterior-1sigma"]');
    expect(ellipse).not.toBeNull();
    expect(byTestId('latent-map-selected', el).textContent).toContain(`#${selected}`);
    act(() => byTestId('latent-map-selected', el).querySelector('button')!.click());
    expect(lab.view.getState().selectedIndex).toBeNull();
    expect(root.querySelector('[data-item="selected"]')).toBeNull();
  });

  it('hovering a point shows a tooltip with that digit', () => {
    const lab = makeLab(2);
    const el = render(lab, <LatentMapView />);
    const root = byTestId('latent-map', el);
    const { mu } = lab.store.getState().snapshot!.codes;
    const svg = root.querySelector('svg')!;
    act(() => { svg.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, ...positionOf(root, mu, 3) })); });
    const tip = byTestId('latent-map-tooltip', el);
    expect(tip.querySelector('canvas')).not.toBeNull();
    expect(tip.textContent).toMatch(/digit \d · #\d+/);
    act(() => { svg.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, clientX: -500, clientY: -500 })); });
    expect(el.querySelector('[data-testid="latent-map-tooltip"]')).toBeNull();
  });

  it('redraws from each new snapshot without re-creating the plot', () => {
    const lab = makeLab(2);
    const el = render(lab, <LatentMapView />);
    const root = byTestId('latent-map', el);
    const svg = root.querySelector('svg');
    const far = fakeSnapshot(2, { seed: 5, step: 10 });
    far.codes.mu[0] = 9.2; // outside [-4, 4]: the axis extends
    act(() => lab.store.setState({ snapshot: far }));
    expect(root.querySelector('svg')).toBe(svg);
    const ticks = Array.from(root.querySelectorAll('[data-role="x-axis"] .tick text'), (t) => Number(t.textContent.replace('\u2212', '-')));
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(9);
  });

  it('for latent size > 2 offers a dims chooser bound to view.mapDims (choosing the other axis swaps)', () => {
    const lab = makeLab(4);
    const el = render(lab, <LatentMapView />);
    const x = byTestId<HTMLSelectElement>('map-dim-x', el);
    expect(x.options).toHaveLength(4);
    setInput(x, 2);
    expect(lab.view.getState().mapDims).toEqual([2, 1]);
    expect(byTestId('latent-map', el).querySelector('[data-role="x-label"]')!.textContent).toBe('z3');
    setInput(byTestId<HTMLSelectElement>('map-dim-y', el), 2);
    expect(lab.view.getState().mapDims).toEqual([1, 2]);
  });

  it('shows class means, the drawn digit\'s posterior and a draggable z marker when asked', () => {
    const lab = makeLab(2, { conditional: true });
    const el = render(lab, <LatentMapView showClassMeans showDrawn showZ />);
    const root = byTestId('latent-map', el);
    expect(root.querySelectorAll('[data-role="class-mean"]')).toHaveLength(10);
    expect(root.querySelector('[data-role="current-z"]')).not.toBeNull();
    expect(root.querySelector('[data-item="extra-0"]')).toBeNull();
    const pixels = new Float32Array(784);
    pixels.fill(1, 300, 320);
    act(() => lab.view.setState({ drawn: { pixels } }));
    expect(root.querySelector('[data-item="extra-0"] [data-role="posterior-2sigma"]')).not.toBeNull();
    expect(root.querySelector('[data-role="extra-label"]')!.textContent).toBe('your drawing');
    // dragging the marker writes z
    const marker = root.querySelector('[data-role="current-z"]')!;
    const svg = root.querySelector('svg')!;
    const side = Number(root.querySelector('[data-role="hit-area"]')!.getAttribute('width'));
    act(() => { marker.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true })); });
    act(() => { svg.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, clientX: side * 0.75, clientY: side * 0.25 })); });
    const [zx, zy] = lab.view.getState().z;
    expect(zx).toBeCloseTo(2, 5);
    expect(zy).toBeCloseTo(2, 5);
  });

  it('plain VAE pages show none of the optional overlays', () => {
    const lab = makeLab(2);
    const el = render(lab, <LatentMapView />);
    act(() => lab.view.setState({ drawn: { pixels: new Float32Array(784).fill(0.5) }, z: [1, 1] }));
    const root = byTestId('latent-map', el);
    expect(root.querySelector('[data-role="class-mean"]')).toBeNull();
    expect(root.querySelector('[data-role="current-z"]')).toBeNull();
    expect(root.querySelector('[data-item="extra-0"]')).toBeNull();
  });

  it('the KL page\'s aggregate posterior: contours from the snapshot\'s codes, a checkbox, and new contours for new codes', () => {
    const lab = makeLab(2);
    const el = render(lab, <LatentMapView showAggregate />);
    const root = byTestId('latent-map', el);
    const contour = () => root.querySelector('path[data-role="aggregate-contour"][data-sigma="2"]')?.getAttribute('d') ?? null;
    expect(root.querySelectorAll('circle[data-role="prior-circle"]')).toHaveLength(2);
    const first = contour();
    expect(first?.length).toBeGreaterThan(10);
    act(() => lab.store.setState({ snapshot: fakeSnapshot(2, { seed: 9, step: 50 }) }));
    expect(contour()).not.toBe(first);
    const box = byTestId<HTMLInputElement>('latent-map-aggregate', el);
    act(() => box.click());
    expect(contour()).toBeNull();
    expect(root.querySelector('circle[data-role="prior-circle"]')).toBeNull();
  });

  it('other pages do not offer the aggregate posterior unless asked', () => {
    const el = render(makeLab(2), <LatentMapView />);
    expect(el.querySelector('[data-testid="latent-map-aggregate"]')).toBeNull();
    expect(el.querySelector('[data-role="aggregate-contour"]')).toBeNull();
  });
});
