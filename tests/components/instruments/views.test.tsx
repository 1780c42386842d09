// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DrawDigitPad } from '../../../src/components/instruments/DrawDigitPad';
import { InterpolationView } from '../../../src/components/instruments/InterpolationView';
import { priorSamples, ReconstructionsView } from '../../../src/components/instruments/ReconstructionsView';
import { decodeCpu, encodeCpu } from '../../../src/model/cpuNet';
import { createRng } from '../../../src/math/random';
import { stubCanvasContext } from '../../plots/stubCanvas';
import { byTestId, cleanup, fakeSnapshot, makeLab, manualFrames, recordingCanvas, render } from './fakeLab';

beforeEach(() => stubCanvasContext(null));
afterEach(cleanup);

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function expectClose(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  expect(maxDiff(got, want)).toBeLessThan(1e-6);
}

/** Grey level of digit `cell` (of a 1-row strip drawn with 1-px gaps) at source pixel p. */
function cellGrey(image: Uint8ClampedArray, cols: number, cell: number, p: number): number {
  const width = cols * 28 + (cols - 1);
  const x = cell * 29 + (p % 28);
  const y = Math.floor(p / 28);
  return image[(y * width + x) * 4] ?? -1;
}

describe('ReconstructionsView', () => {
  it('keeps data-testid="recon-strip" and shows one test digit of each class above its reconstruction', () => {
    const rec = recordingCanvas();
    const lab = makeLab(2);
    const el = render(lab, <ReconstructionsView />);
    expect(byTestId('recon-strip', el).tagName).toBe('FIGURE');
    const originals = rec.imageOf(byTestId('recon-originals', el))!;
    const recons = rec.imageOf(byTestId('recon-reconstructions', el))!;
    expect(originals.length).toBe((10 * 28 + 9) * 28 * 4);
    const { testSet, snapshot } = lab.store.getState();
    // cell 4 is the first test digit of class 4: index 4 in the fake set (labels i % 10)
    const x4 = Float32Array.from(testSet!.images.subarray(4 * 784, 5 * 784), (v) => v / 255);
    const r4 = decodeCpu(snapshot!.decoder, encodeCpu(snapshot!.encoder, x4).mu);
    for (const p of [0, 100, 300, 500]) {
      expect(cellGrey(originals, 10, 4, p)).toBe(Math.round(x4[p]! * 255));
      expect(Math.abs(cellGrey(recons, 10, 4, p) - r4[p]! * 255)).toBeLessThanOrEqual(1);
    }
  });

  it('prior samples are seeded: resample draws new ones, and a snapshot redraws the same draw', () => {
    const rec = recordingCanvas();
    const lab = makeLab(2);
    const el = render(lab, <ReconstructionsView samples={6} />);
    const canvas = byTestId<HTMLCanvasElement>('prior-samples', el);
    const first = rec.imageOf(canvas)!.slice();
    act(() => byTestId('prior-resample', el).click());
    const second = rec.imageOf(canvas)!.slice();
    expect(second).not.toEqual(first);
    act(() => lab.store.setState({ latest: null })); // unrelated store change: no new draw
    expect(rec.imageOf(canvas)).toEqual(second);
    const snap = lab.store.getState().snapshot!;
    expect(priorSamples(snap, 6, 5)).toEqual(priorSamples(snap, 6, 5));
    expect(priorSamples(snap, 6, 5)).not.toEqual(priorSamples(snap, 6, 6));
  });

  it('a new snapshot repaints the reconstructions at once and the prior strip one frame later', () => {
    const rec = recordingCanvas();
    const frames = manualFrames();
    const lab = makeLab(2);
    const el = render(lab, <ReconstructionsView samples={6} />);
    const prior = byTestId<HTMLCanvasElement>('prior-samples', el);
    const recons = byTestId<HTMLCanvasElement>('recon-reconstructions', el);
    const priorBefore = rec.imageOf(prior)!.slice();
    const reconBefore = rec.imageOf(recons)!.slice();
    act(() => lab.store.setState({ snapshot: fakeSnapshot(2, { seed: 11, step: 50 }) }));
    expect(rec.imageOf(recons)).not.toEqual(reconBefore);
    expect(rec.imageOf(prior)).toEqual(priorBefore);
    expect(frames.pending()).toBe(1);
    frames.run();
    expect(rec.imageOf(prior)).not.toEqual(priorBefore);
    // Two snapshots before a frame: one paint is queued, not two.
    act(() => lab.store.setState({ snapshot: fakeSnapshot(2, { seed: 12, step: 100 }) }));
    act(() => lab.store.setState({ snapshot: fakeSnapshot(2, { seed: 13, step: 150 }) }));
    expect(frames.pending()).toBe(1);
  });

  it('samples a CVAE around each class mean: sample i decodes row (i mod 10) of the class means plus the same noise as the plain VAE', () => {
    const d = 2;
    const snap = fakeSnapshot(d, { conditional: true });
    const plain = { ...snap, classMeans: null };
    const n = 12; // past 10, so the class wraps to 0 and 1
    const seed = 4;
    // The draws, in order: sample i takes the next d standard normals.
    const rng = createRng(seed);
    const noise = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
    const row = (c: number) => Array.from(snap.classMeans!.slice(c * d, (c + 1) * d));
    const decodeAt = (c: number | null, i: number) =>
      decodeCpu(snap.decoder, noise[i]!.map((e, k) => e + (c === null ? 0 : row(c)[k]!)), undefined, i % 10);
    const cvae = priorSamples(snap, n, seed);
    const vae = priorSamples(plain, n, seed);
    for (let i = 0; i < n; i++) {
      expectClose(vae[i]!, decodeAt(null, i));
      expectClose(cvae[i]!, decodeAt(i % 10, i));
      // The fixture's rows are far enough apart for a wrong row to show.
      expect(maxDiff(decodeAt((i + 1) % 10, i), decodeAt(i % 10, i))).toBeGreaterThan(1e-3);
    }
  });
});

describe('InterpolationView', () => {
  it('decodes the straight path between the two chosen digits\' means, endpoints included', () => {
    const rec = recordingCanvas();
    const lab = makeLab(2);
    const el = render(lab, <InterpolationView steps={5} />);
    const path = byTestId<HTMLCanvasElement>('interp-path', el);
    const { testSet, snapshot } = lab.store.getState();
    const digit = (i: number) => Float32Array.from(testSet!.images.subarray(i * 784, (i + 1) * 784), (v) => v / 255);
    // defaults: the first 2 (index 2) to the first 7 (index 7)
    expect(byTestId('interp-a-2', el).getAttribute('aria-pressed')).toBe('true');
    expect(byTestId('interp-b-7', el).getAttribute('aria-pressed')).toBe('true');
    const endOf = (i: number) => decodeCpu(snapshot!.decoder, encodeCpu(snapshot!.encoder, digit(i)).mu);
    let image = rec.imageOf(path)!;
    expect(Math.abs(cellGrey(image, 5, 0, 400) - endOf(2)[400]! * 255)).toBeLessThanOrEqual(1);
    expect(Math.abs(cellGrey(image, 5, 4, 400) - endOf(7)[400]! * 255)).toBeLessThanOrEqual(1);

    act(() => byTestId('interp-b-9', el).click());
    expect(byTestId('interp-b-9', el).getAttribute('aria-pressed')).toBe('true');
    image = rec.imageOf(path)!;
    expect(Math.abs(cellGrey(image, 5, 4, 400) - endOf(9)[400]! * 255)).toBeLessThanOrEqual(1);

    expect(byTestId<HTMLButtonElement>('interp-a-selected', el).disabled).toBe(true);
    act(() => lab.view.setState({ selectedIndex: 33 }));
    act(() => byTestId('interp-a-selected', el).click());
    image = rec.imageOf(path)!;
    expect(Math.abs(cellGrey(image, 5, 0, 400) - endOf(33)[400]! * 255)).toBeLessThanOrEqual(1);
  });
});

describe('DrawDigitPad', () => {
  function pad(el: HTMLElement): HTMLCanvasElement {
    const canvas = byTestId<HTMLCanvasElement>('draw-pad', el);
    canvas.getBoundingClientRect = () => ({ left: 0, top: 0, width: 224, height: 224, right: 224, bottom: 224, x: 0, y: 0, toJSON() {} });
    return canvas;
  }
  const pointer = (target: Element, type: string, x: number, y: number) =>
    act(() => { target.dispatchEvent(new MouseEvent(type, { bubbles: true, clientX: x, clientY: y })); });

  it('a stroke becomes view.drawn (soft, MNIST-like), is encoded and reconstructed; clear empties it', () => {
    const frames = manualFrames();
    const rec = recordingCanvas();
    const lab = makeLab(2);
    const el = render(lab, <DrawDigitPad />);
    const canvas = pad(el);
    expect(byTestId<HTMLButtonElement>('draw-clear', el).disabled).toBe(true);
    pointer(canvas, 'pointerdown', 112, 40);
    pointer(canvas, 'pointermove', 112, 120);
    pointer(canvas, 'pointermove', 112, 190);
    pointer(canvas, 'pointerup', 112, 190);
    pointer(canvas, 'pointermove', 20, 20); // not drawing any more
    frames.run();
    const drawn = lab.view.getState().drawn;
    expect(drawn).not.toBeNull();
    const ink = Array.from(drawn!.pixels);
    expect(Math.max(...ink)).toBe(1);
    expect(ink.some((v) => v > 0.05 && v < 0.6)).toBe(true); // soft edges, not a hard pen
    expect(ink.filter((v) => v > 0.5).length).toBeGreaterThan(25);
    expect(ink[2 * 28 + 2]).toBe(0);
    const snap = lab.store.getState().snapshot!;
    const mu = encodeCpu(snap.encoder, drawn!.pixels).mu;
    expect(byTestId('draw-mu', el).textContent).toContain(`μ = (${mu[0]!.toFixed(2)}, ${mu[1]!.toFixed(2)})`);
    const recon = rec.imageOf(byTestId('draw-recon', el))!;
    expect(Math.abs(recon[400 * 4]! - decodeCpu(snap.decoder, mu)[400]! * 255)).toBeLessThanOrEqual(1);

    expect(byTestId<HTMLButtonElement>('draw-clear', el).disabled).toBe(false);
    act(() => byTestId('draw-clear', el).click());
    expect(lab.view.getState().drawn).toBeNull();
    expect(byTestId('draw-mu', el).textContent).toBe('–');
  });
});
