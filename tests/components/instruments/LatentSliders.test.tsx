// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CvaeClassPicker } from '../../../src/components/instruments/CvaeClassPicker';
import { LatentSliders } from '../../../src/components/instruments/LatentSliders';
import { decodeCpu, encodeCpu } from '../../../src/model/cpuNet';
import { stubCanvasContext } from '../../plots/stubCanvas';
import { byTestId, cleanup, fakeSnapshot, makeLab, recordingCanvas, render, setInput } from './fakeLab';

beforeEach(() => stubCanvasContext(null));
afterEach(cleanup);

/** The red channel of each 28x28 source pixel of the last image painted on a canvas. */
function grey(image: Uint8ClampedArray | null): number[] {
  if (!image) throw new Error('nothing painted');
  return Array.from({ length: 784 }, (_, p) => image[p * 4] ?? -1);
}
const expected = (pixels: Float32Array) => Array.from(pixels, (v) => Math.round(v * 255));
function expectClose(a: number[], b: number[]) {
  expect(a.length).toBe(b.length);
  expect(Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))))).toBeLessThanOrEqual(1);
}

describe('LatentSliders', () => {
  it('has one keyboard-operable range per latent dim with the issue\'s test ids', () => {
    const lab = makeLab(4);
    const el = render(lab, <LatentSliders />);
    const sliders = Array.from(el.querySelectorAll<HTMLInputElement>('input[type="range"]'));
    expect(sliders.map((s) => s.dataset.testid)).toEqual(['latent-slider-0', 'latent-slider-1', 'latent-slider-2', 'latent-slider-3']);
    for (const s of sliders) {
      expect([s.min, s.max, s.step]).toEqual(['-3', '3', '0.01']);
      expect(s.getAttribute('aria-label')).toMatch(/latent dimension \d/);
    }
    expect(el.querySelector('[data-testid="latent-pad"]')).toBeNull(); // the pad is for latent size 2
    expect(byTestId('decoded-digit').tagName).toBe('CANVAS');
  });

  it('widens a slider\'s track to cover a z past 3, so the thumb sits at the value the readout shows', () => {
    const lab = makeLab(2);
    render(lab, <LatentSliders />);
    act(() => lab.view.setState({ z: [3.1, -0.5] }));
    const s0 = byTestId<HTMLInputElement>('latent-slider-0');
    expect([s0.min, s0.max, s0.value]).toEqual(['-4', '4', '3.1']);
    expect(byTestId<HTMLInputElement>('latent-slider-1').max).toBe('3');
  });

  it('decodes z in the input event itself, and again when a new snapshot arrives', () => {
    const rec = recordingCanvas();
    const lab = makeLab(2);
    render(lab, <LatentSliders />);
    const canvas = byTestId<HTMLCanvasElement>('decoded-digit');
    const decoder = lab.store.getState().snapshot!.decoder;
    expectClose(grey(rec.imageOf(canvas)), expected(decodeCpu(decoder, [0, 0])));

    setInput(byTestId('latent-slider-1'), -2.5);
    expect(lab.view.getState().z).toEqual([0, -2.5]);
    expectClose(grey(rec.imageOf(canvas)), expected(decodeCpu(decoder, [0, -2.5])));
    expect(Number(canvas.dataset.decodeMs)).toBeGreaterThanOrEqual(0);
    expect(byTestId<HTMLInputElement>('latent-slider-1').value).toBe('-2.5');

    const next = fakeSnapshot(2, { seed: 11, step: 50 });
    act(() => lab.store.setState({ snapshot: next }));
    expectClose(grey(rec.imageOf(canvas)), expected(decodeCpu(next.decoder, [0, -2.5])));
  });

  it('drives the same z from the 2-D pad, by pointer and by arrow keys', () => {
    const lab = makeLab(2);
    render(lab, <LatentSliders />);
    const pad = byTestId<SVGSVGElement>('latent-pad');
    pad.getBoundingClientRect = () => ({ left: 10, top: 20, width: 200, height: 200, right: 210, bottom: 220, x: 10, y: 20, toJSON() {} });
    act(() => { pad.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true, clientX: 10 + 150, clientY: 20 + 50 })); });
    expect(lab.view.getState().z).toEqual([1.5, 1.5]);
    act(() => { pad.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, clientX: 10, clientY: 220 })); });
    expect(lab.view.getState().z).toEqual([-3, -3]);
    act(() => { pad.dispatchEvent(new MouseEvent('pointerup', { bubbles: true })); });
    act(() => { pad.dispatchEvent(new MouseEvent('pointermove', { bubbles: true, clientX: 110, clientY: 120 })); });
    expect(lab.view.getState().z).toEqual([-3, -3]); // no drag after release
    act(() => { pad.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'ArrowRight' })); });
    act(() => { pad.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'ArrowUp', shiftKey: true })); });
    expect(lab.view.getState().z).toEqual([-2.9, -2.5]);
    expect(byTestId<HTMLInputElement>('latent-slider-0').value).toBe('-2.9');
    act(() => { pad.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'Home' })); });
    expect(lab.view.getState().z).toEqual([0, 0]);
  });

  it('zero, random and "mu of selected digit" buttons set z', () => {
    const lab = makeLab(2);
    render(lab, <LatentSliders />);
    act(() => byTestId('latent-random').click());
    const z = lab.view.getState().z;
    expect(z.some((v) => v !== 0)).toBe(true);
    for (const v of z) expect(Math.abs(v)).toBeLessThanOrEqual(3);
    expect(byTestId<HTMLButtonElement>('latent-to-selected').disabled).toBe(true);
    act(() => lab.view.setState({ selectedIndex: 4 }));
    act(() => byTestId('latent-to-selected').click());
    // The newest encoder's mu for digit 4 (what the map's readout and the sampler show), not
    // the map's codes, which may be seconds old; here the fake codes differ from it on purpose.
    const { testSet, snapshot } = lab.store.getState();
    const { mu } = encodeCpu(snapshot!.encoder, Float32Array.from(testSet!.images.subarray(4 * 784, 5 * 784), (v) => v / 255));
    expect(lab.view.getState().z[0]).toBeCloseTo(mu[0]!, 5);
    expect(lab.view.getState().z[1]).toBeCloseTo(mu[1]!, 5);
    act(() => byTestId('latent-zero').click());
    expect(lab.view.getState().z).toEqual([0, 0]);
  });
});

describe('CvaeClassPicker', () => {
  it('is a group of 10 digit buttons writing view.cvaeClass, and decodes mu^y + offset into cvae-digit', () => {
    const rec = recordingCanvas();
    const lab = makeLab(2, { conditional: true });
    render(lab, <CvaeClassPicker />);
    const group = byTestId('cvae-class');
    const buttons = Array.from(group.querySelectorAll('button'));
    expect(buttons.map((b) => b.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(buttons[0]!.getAttribute('aria-pressed')).toBe('true');
    act(() => buttons[3]!.click());
    expect(lab.view.getState().cvaeClass).toBe(3);
    expect(buttons[3]!.getAttribute('aria-pressed')).toBe('true');
    expect(buttons[0]!.getAttribute('aria-pressed')).toBe('false');

    setInput(byTestId('latent-slider-0'), 0.5);
    const snap = lab.store.getState().snapshot!;
    const m = snap.classMeans!;
    const z = [m[6]! + 0.5, m[7]!];
    expectClose(grey(rec.imageOf(byTestId('cvae-digit'))), expected(decodeCpu(snap.decoder, z)));
    expect(document.querySelector('[data-testid="decoded-digit"]')).toBeNull();
  });
});
