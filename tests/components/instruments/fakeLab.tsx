/**
 * A LabController with no worker (connect() is never called) and a tiny seeded model, so the
 * instruments can be rendered in jsdom and fed snapshots by hand.
 */
import { act, type ReactNode } from 'react';
import { vi } from 'vitest';
import { LabController } from '../../../src/hooks/labController';
import { LabsProvider } from '../../../src/hooks/sectionLab';
import { LabContext } from '../../../src/hooks/useLab';
import { mulberry32 } from '../../../src/math/random';
import type { ModelSnapshot, StepMetrics } from '../../../src/shared/types';
import { NUM_CLASSES, PIXELS } from '../../../src/shared/types';
import type { TestSet } from '../../../src/state/labState';
import { testLabs } from '../../helpers/labs';
import { mountPerTest } from '../../helpers/mountPerTest';

function rand(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => uniform() * 2 - 1;
}

export function fakeSnapshot(latentDim: number, opts: { seed?: number; step?: number; count?: number; conditional?: boolean } = {}): ModelSnapshot {
  const { seed = 3, step = 0, count = 60, conditional = false } = opts;
  const r = rand(seed);
  const h = 6;
  const arr = (n: number, scale = 1) => Float32Array.from({ length: n }, () => scale * r());
  const mu = arr(count * latentDim, 2);
  const logVar = arr(count * latentDim, 0.5).map((v) => v - 1.5);
  return {
    step,
    config: { latentDim, hiddenDim: h, conditional, seed },
    decoder: { latentDim, hiddenDim: h, w1: arr(latentDim * h), b1: arr(h, 0.5), w2: arr(h * PIXELS, 2), b2: arr(PIXELS, 0.5) },
    encoder: { latentDim, hiddenDim: h, w1: arr(PIXELS * h, 0.1), b1: arr(h, 0.1), wMu: arr(h * latentDim), bMu: arr(latentDim, 0.1), wLogVar: arr(h * latentDim, 0.1), bLogVar: arr(latentDim, 0.1) },
    codes: { count, latentDim, mu, logVar },
    classMeans: conditional ? arr(NUM_CLASSES * latentDim, 2) : null,
  };
}

export function fakeTestSet(count = 60): TestSet {
  const images = new Uint8Array(count * PIXELS);
  for (let i = 0; i < count; i++) {
    // a vertical bar whose column depends on i, so digits differ
    const col = 6 + (i % 16);
    for (let row = 4; row < 24; row++) images[i * PIXELS + row * 28 + col] = 255;
  }
  return { count, images, labels: Uint8Array.from({ length: count }, (_, i) => i % NUM_CLASSES) };
}

export function fakeMetrics(step: number, latentDim: number, over: Partial<StepMetrics> = {}): StepMetrics {
  return {
    step, epoch: step / 469, seconds: step * 0.2, samplesPerSec: 600,
    loss: 200 - step / 10, recon: 190 - step / 10, kl: 5 + step / 100,
    klPerDim: Array.from({ length: latentDim }, (_, d) => (d === 0 ? 0.01 : 2 + d)), meanSigma: 0.5, ...over,
  };
}

export function makeLab(latentDim = 2, opts: { conditional?: boolean; snapshot?: boolean } = {}): LabController {
  const lab = new LabController(
    { latentDim, hiddenDim: 6, conditional: opts.conditional ?? false, seed: 1 },
    { learningRate: 1e-3, batchSize: 128, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' },
    'wasm', 'http://localhost/data/',
  );
  if (opts.snapshot !== false) {
    lab.store.setState({ phase: 'ready', testSet: fakeTestSet(), snapshot: fakeSnapshot(latentDim, { conditional: opts.conditional }) });
  }
  return lab;
}

const mount = mountPerTest({ strict: true });

/**
 * Mounts `node` afresh with `lab` as its current lab. `main`: the main VAE the shell would provide
 * beside it (a CVAE's settings note reads it); by default the lab itself, or for a CVAE an idle VAE.
 */
export function render(lab: LabController, node: ReactNode, opts: { main?: LabController } = {}): HTMLElement {
  const main = opts.main ?? (lab.store.getState().config.conditional ? makeLab(2, { snapshot: false }) : lab);
  mount.unmount();
  return mount.render(<LabsProvider labs={testLabs(main, lab)}><LabContext.Provider value={lab}>{node}</LabContext.Provider></LabsProvider>);
}

/** Unmounts first, so a view's cleanup still sees the stubs it was mounted with. */
export function cleanup(): void {
  mount.unmount();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
}

export function byTestId<T extends Element = HTMLElement>(id: string, within: ParentNode = document): T {
  const el = within.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no [data-testid="${id}"]`);
  return el;
}

/** Sets a controlled input the way a user would, so React's onChange fires. */
export function setInput(input: HTMLInputElement | HTMLSelectElement, value: string | number): void {
  const proto = input instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  act(() => {
    // The prototype's setter, past React's own on the element, so React sees a change.
    Reflect.set(proto, 'value', String(value), input);
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

/** A hand-cranked requestAnimationFrame: tests decide when frames happen. */
export function manualFrames(): { run: (n?: number) => void; pending: () => number } {
  const frames = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    frames.set(next, cb);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  return {
    run(n = 1) {
      for (let i = 0; i < n; i++) {
        const due = [...frames.values()];
        frames.clear();
        act(() => due.forEach((cb) => cb(performance.now())));
      }
    },
    pending: () => frames.size,
  };
}

/**
 * A 2D context that keeps, per target canvas, the last RGBA image painted (paintRgba puts the
 * source image on a helper canvas, then draws that onto the target).
 */
export function recordingCanvas(): { imageOf: (canvas: HTMLCanvasElement) => Uint8ClampedArray | null } {
  const lastPut = new WeakMap<HTMLCanvasElement, Uint8ClampedArray>();
  const painted = new WeakMap<HTMLCanvasElement, Uint8ClampedArray>();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return {
      imageSmoothingEnabled: true,
      createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
      putImageData: (img: { data: Uint8ClampedArray }) => lastPut.set(this, img.data.slice()),
      drawImage: (source: HTMLCanvasElement) => {
        const data = lastPut.get(source);
        if (data) painted.set(this, data);
      },
      clearRect() {}, setTransform() {}, beginPath() {}, moveTo() {}, arc() {}, fill() {}, fillStyle: '', globalAlpha: 1,
    } as never;
  });
  return { imageOf: (canvas) => painted.get(canvas) ?? null };
}
