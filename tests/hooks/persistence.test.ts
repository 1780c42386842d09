import { describe, expect, it, vi } from 'vitest';
import { LabController } from '../../src/hooks/labController';
import { Autosave, AUTOSAVE_CADENCE, autosaveIntervalMs, MAX_SAVES, type AutosaveDeps } from '../../src/hooks/persistence';
import { paramShapes, PARAM_ORDER } from '../../src/shared/architecture';
import { firstNonFinite } from '../../src/model/finiteWeights';
import { decodeModelFile, encodeModelFile, encodeTensors, type SavedModel } from '../../src/model/modelFile';
import type { TrainSettings, ModelConfig, StepMetrics } from '../../src/shared/types';
import { memoryKv, SaveSlots } from '../../src/state/savedModels';
import { lockName, memoryLocks, memoryStorage } from '../../src/state/tabSession';

const config: ModelConfig = { latentDim: 2, hiddenDim: 16, conditional: false, seed: 1 };
const settings: TrainSettings = { learningRate: 1e-2, batchSize: 128, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' };

const metrics = (step: number): StepMetrics => ({ step, epoch: 0, seconds: step, samplesPerSec: 100, loss: 200 - step, recon: 190, kl: 10, klPerDim: [5, 5], meanSigma: 0.5 });

/** Weights that encode the step, so a restored model says which save it came from. */
function weights(step: number, cfg = config): Float32Array[] {
  const shapes = paramShapes(cfg);
  return PARAM_ORDER.filter((n) => shapes[n]).map((n) => new Float32Array(shapes[n]!.reduce((a, b) => a * b, 1)).fill(step));
}

/** Save times across all tabs of a test, always later than the last. */
let clock = 0;

/** The browser's shared parts (IndexedDB, locks, localStorage) that every tab of a test sees. */
function browser() {
  const kv = memoryKv();
  return { kv, slots: new SaveSlots(kv), locks: new Set<string>(), site: { ...memoryStorage(), removeItem(k: string) { this.setItem(k, ''); } } };
}

/**
 * One tab: a LabController without a worker, whose export hands back the store's step as the
 * weights (encoded as the worker encodes them), and whose load shows the loaded model's history
 * as the worker's 'loaded' would.
 */
function tab(b: ReturnType<typeof browser>, opts: Partial<AutosaveDeps> & { tabStore?: ReturnType<typeof memoryStorage>; nan?: boolean } = {}) {
  const lab = new LabController(config, settings, 'cpu', 'data/');
  const loaded: SavedModel[] = [];
  lab.whenReady = () => Promise.resolve();
  lab.exportTensors = (headerRoom = 0) => {
    const s = lab.store.getState();
    const step = s.latest?.step ?? 0;
    const params = weights(step);
    if (opts.nan) params[3]![0] = NaN;
    clock += 1;
    try {
      // As the worker does: weights holding NaN are refused by name (NonFiniteWeightsError).
      const tensors = encodeTensors({ config: s.config, params, optimizer: { m: weights(0), v: weights(0) } }, 'float32', headerRoom);
      return Promise.resolve({
        config: s.config, settings, step, momentSteps: step, tensors, workerMs: 1,
        history: s.history, source: s.modelSource, savedAt: new Date(Date.UTC(2026, 11, 2) + clock * 1000).toISOString(),
      });
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
  lab.loadModel = (m) => {
    loaded.push(m);
    lab.store.setState({ modelSource: m.source, config: m.config, history: m.history ?? [], latest: m.history?.at(-1) ?? null });
  };
  lab.reset = () => lab.store.setState({ modelSource: 'new model, trained here from scratch', history: [], latest: null, running: false });
  const locks = memoryLocks(b.locks);
  const tabStore = opts.tabStore ?? memoryStorage();
  let n = 0;
  const autosave = new Autosave(lab, {
    slots: b.slots, locks, tab: tabStore, site: b.site, urlNamesModel: false, urlShownHere: false,
    newOwner: () => `owner${Math.random().toString(36).slice(2, 6)}${n++}`, persist: () => Promise.resolve(true), doc: null, ...opts,
  });
  const train = async (to: number) => {
    lab.store.setState({ running: true });
    lab.store.setState((s) => ({ latest: metrics(to), history: [...s.history, metrics(to)] }));
    lab.store.setState({ running: false }); // a pause saves
    await settle(autosave);
  };
  /** The tab closes: its lock goes; its sessionStorage stays for a reload of the same tab. */
  const close = () => { autosave.stop(); };
  return { lab, autosave, loaded, train, close, tabStore, step: () => lab.store.getState().latest?.step ?? 0 };
}

/** Waits until the autosave has no save running (saves are chains of promises). */
async function settle(a: Autosave): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 0));
    if (!(a as unknown as { saving: boolean }).saving) return;
  }
}

async function steps(b: ReturnType<typeof browser>): Promise<number[]> {
  return (await b.slots.list('main')).map((e) => e.step).sort((x, y) => x - y);
}

describe('autosave across tabs', () => {
  it('tab B saving twice and starting fresh never touches tab A\'s save; each reload opens its own model', async () => {
    const b = browser();
    const a = tab(b);
    await a.autosave.start();
    await a.train(12);
    // The header went into the room the export left for it: the page made no copy of the file.
    expect(a.autosave.lastSaveInPlace).toBe(true);
    const tb = tab(b);
    await tb.autosave.start();
    // A is open: B shows a copy, says so, and has not saved it again.
    expect(tb.step()).toBe(12);
    expect(tb.autosave.view.getState().note).toEqual({ kind: 'copyOfOpenTab' });
    expect(await steps(b)).toEqual([12]);
    await tb.autosave.startFresh();
    expect(await steps(b)).toEqual([12]);
    await tb.train(3);
    await tb.train(5);
    expect(await steps(b)).toEqual([5, 12]);
    // A saves again, so B's is no longer the newest; both reload and get their own.
    await a.train(14);
    a.close();
    tb.close();
    const a2 = tab(b, { tabStore: a.tabStore });
    const b2 = tab(b, { tabStore: tb.tabStore });
    await b2.autosave.start();
    await a2.autosave.start();
    expect(b2.step()).toBe(5);
    expect(a2.step()).toBe(14);
    expect(a2.autosave.view.getState().others.map((e) => e.step)).toEqual([5]);
    // "Start fresh" in B removes B's only.
    await b2.autosave.startFresh();
    expect(await steps(b)).toEqual([14]);
    expect(a2.autosave.owner).toBe(a.autosave.owner);
  });

  it('a new tab opened after the others closed takes over the newest save instead of copying it', async () => {
    const b = browser();
    const a = tab(b);
    await a.autosave.start();
    await a.train(7);
    a.close();
    const c = tab(b);
    await c.autosave.start();
    expect(c.step()).toBe(7);
    expect(c.autosave.owner).toBe(a.autosave.owner);
    expect(c.autosave.view.getState().note).toBeNull();
    await c.train(9);
    expect(await steps(b)).toEqual([9]);
  });

  it('a restore does not save at once (it used to, filling both slots with one model)', async () => {
    const b = browser();
    const a = tab(b);
    await a.autosave.start();
    await a.train(4);
    await a.train(6);
    a.close();
    const writes: string[] = [];
    const write = b.slots.write.bind(b.slots);
    b.slots.write = (...args) => { writes.push(args[1]); return write(...args); };
    const c = tab(b);
    await c.autosave.start();
    await settle(c.autosave);
    expect(c.step()).toBe(6);
    expect(writes).toEqual([]);
    expect((await b.slots.read('main', c.autosave.owner!)).map((r) => r.step)).toEqual([6, 4]);
  });

  it('keeps at most MAX_SAVES saves, dropping the oldest of closed tabs, never an open tab\'s', async () => {
    const b = browser();
    const open = tab(b);
    await open.autosave.start();
    await open.train(1); // the oldest, but its tab is open
    for (let i = 0; i < MAX_SAVES + 1; i++) {
      // Opened from links, so each trains a model of its own instead of taking over the last one.
      const t = tab(b, { urlNamesModel: true });
      await t.autosave.start();
      await t.train(10 + i);
      t.close();
    }
    const left = await steps(b);
    expect(left).toHaveLength(MAX_SAVES);
    expect(left).toContain(1);
    expect(left).not.toContain(10);
  });
});

describe('autosave says what it found', () => {
  it('a bad newer slot falls back to the older one, and says which and why', async () => {
    const b = browser();
    const a = tab(b);
    await a.autosave.start();
    await a.train(3);
    await a.train(8);
    a.close();
    const owner = a.autosave.owner!;
    const ptr = b.kv.data.get(`main:${owner}:current`) as { slot: string };
    b.kv.data.set(`main:${owner}:${ptr.slot}`, { bytes: new TextEncoder().encode('VAELAB garbage'), savedAt: 'x', step: 8 });
    const c = tab(b);
    await c.autosave.start();
    expect(c.step()).toBe(3);
    expect(c.autosave.view.getState().note).toMatchObject({ kind: 'olderSlot', failedAt: 'x' });
  });

  it('two unreadable slots are said, not taken for a first visit', async () => {
    const b = browser();
    const a = tab(b);
    await a.autosave.start();
    await a.train(3);
    await a.train(4);
    a.close();
    for (const s of ['a', 'b']) b.kv.data.set(`main:${a.autosave.owner}:${s}`, { bytes: Uint8Array.of(1, 2, 3), savedAt: 'x', step: 1 });
    const c = tab(b);
    await c.autosave.start();
    expect(c.loaded).toEqual([]);
    expect(c.autosave.view.getState().note).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/not a VAE Lab model file/) });
  });

  it('a store the browser cleared is said with the last save\'s time; a first visit says nothing', async () => {
    const b = browser();
    const first = tab(b);
    await first.autosave.start();
    expect(first.autosave.view.getState().note).toBeNull();
    await first.train(5);
    first.close();
    b.kv.data.clear(); // eviction: IndexedDB gone, localStorage kept
    const c = tab(b);
    await c.autosave.start();
    expect(c.autosave.view.getState().note).toEqual({ kind: 'evicted', lastSavedAt: expect.stringMatching(/^2026-12-02T/) });
  });

  it('no IndexedDB at all is said', async () => {
    const b = browser();
    b.kv.run = () => Promise.reject(new Error('this browser has no IndexedDB'));
    const a = tab(b);
    await a.autosave.start();
    expect(a.autosave.view.getState().note).toEqual({ kind: 'noStorage' });
  });

  it('asks for persistent storage after the first save and shows the answer', async () => {
    const b = browser();
    let asked = 0;
    const a = tab(b, { persist: () => { asked += 1; return Promise.resolve(false); } });
    await a.autosave.start();
    expect(asked).toBe(0);
    await a.train(2);
    await a.train(3);
    expect(asked).toBe(1);
    expect(a.autosave.view.getState().persistent).toBe(false);
  });
});

describe('non-finite weights are never stored', () => {
  it('a model with NaN is not saved; the last good save stays and the reader is told', async () => {
    const b = browser();
    const good = tab(b);
    await good.autosave.start();
    await good.train(4);
    good.close();
    const bad = tab(b, { nan: true, tabStore: good.tabStore });
    await bad.autosave.start();
    await bad.train(9);
    expect(await steps(b)).toEqual([4]);
    expect(bad.lab.store.getState().error).toMatch(/Did not save the model: its weights 3 hold NaN/);
  });

  it('firstNonFinite names the array; the file writer refuses NaN the reader would refuse', () => {
    const params = weights(1);
    expect(firstNonFinite({ params })).toBeNull();
    expect(firstNonFinite({ params, m: params, v: [...params.slice(0, 2), Float32Array.of(0, Infinity)] })).toBe('Adam v 2');
    params[0]![5] = NaN;
    expect(firstNonFinite({ params })).toBe('weights 0');
    const model: SavedModel = { config, settings, step: 1, params, source: 't', savedAt: '' };
    expect(() => encodeModelFile(model)).toThrow(/NaN or infinite/);
    params[0]![5] = 0;
    expect(decodeModelFile(encodeModelFile(model)).step).toBe(1);
  });
});

describe('a link that names a model wins over a save', () => {
  it('offers the save instead of opening it, trains the link\'s model under a new key, and opens the save on request', async () => {
    const b = browser();
    const a = tab(b);
    await a.autosave.start();
    await a.train(12);
    a.close();
    const link = tab(b, { urlNamesModel: true, tabStore: a.tabStore });
    await link.autosave.start();
    expect(link.loaded).toEqual([]);
    expect(link.autosave.view.getState().offer).toMatchObject({ step: 12, latentDim: 2 });
    expect(link.autosave.owner).not.toBe(a.autosave.owner);
    await link.train(2);
    expect(await steps(b)).toEqual([2, 12]);
    await link.autosave.open(link.autosave.view.getState().offer!);
    expect(link.step()).toBe(12);
    expect(link.autosave.view.getState().offer).toBeNull();
    expect(link.autosave.owner).toBe(a.autosave.owner);
    expect(link.autosave.view.getState().others.map((e) => e.step)).toEqual([2]);
  });

  it('a reload of the tab whose own URL this was restores its own save as before', async () => {
    const b = browser();
    const a = tab(b, { urlNamesModel: true });
    await a.autosave.start();
    await a.train(6);
    a.close();
    const again = tab(b, { urlNamesModel: true, urlShownHere: true, tabStore: a.tabStore });
    await again.autosave.start();
    expect(again.step()).toBe(6);
    expect(again.autosave.view.getState().offer).toBeNull();
  });

  it('the same URL in another tab (no save of its own) still offers', async () => {
    const b = browser();
    const a = tab(b);
    await a.autosave.start();
    await a.train(6);
    a.close();
    const other = tab(b, { urlNamesModel: true, urlShownHere: true });
    await other.autosave.start();
    expect(other.loaded).toEqual([]);
    expect(other.autosave.view.getState().offer?.step).toBe(6);
  });
});

describe('saving when the page is hidden', () => {
  function fakeDoc() {
    const target = new EventTarget();
    return Object.assign(target, { visibilityState: 'visible', defaultView: null }) as unknown as Document & { visibilityState: string };
  }

  it('saves a changed model at once when hidden, and not an unchanged one', async () => {
    const b = browser();
    const doc = fakeDoc();
    const a = tab(b, { doc });
    await a.autosave.start();
    a.lab.store.setState({ running: true, latest: metrics(17), history: [metrics(17)] });
    expect(await steps(b)).toEqual([]);
    (doc as { visibilityState: string }).visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    await settle(a.autosave);
    expect(await steps(b)).toEqual([17]);
    let writes = 0;
    const write = b.slots.write.bind(b.slots);
    b.slots.write = (...args) => { writes += 1; return write(...args); };
    doc.dispatchEvent(new Event('visibilitychange'));
    await settle(a.autosave);
    expect(writes).toBe(0);
    a.close();
    expect(b.locks.has(lockName('main', a.autosave.owner!))).toBe(false);
  });

  it('saves on pagehide even while the page still counts as visible (navigating away)', async () => {
    const b = browser();
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible', defaultView: win }) as unknown as Document;
    const a = tab(b, { doc });
    await a.autosave.start();
    a.lab.store.setState({ running: true, latest: metrics(21), history: [metrics(21)] });
    win.dispatchEvent(new Event('pagehide'));
    await settle(a.autosave);
    expect(await steps(b)).toEqual([21]);
  });
});

describe('the autosave cadence while training', () => {
  /** Fake timers with performance.now() too: a save's measured duration sets the next interval. */
  const fakeTime = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });

  /** A tab that trains one step per second of (fake) time; `writeMs`: how long each save's write takes. */
  async function training(writeMs = 0) {
    const b = browser();
    const a = tab(b);
    const write = b.slots.write.bind(b.slots);
    const savedAt: number[] = [];
    b.slots.write = async (...args) => {
      if (writeMs) await new Promise((r) => setTimeout(r, writeMs));
      await write(...args);
      savedAt.push(Date.now());
    };
    await a.autosave.start();
    const t0 = Date.now();
    let step = 0;
    a.lab.store.setState({ running: true, latest: metrics(step), history: [metrics(step)] });
    const ticker = setInterval(() => {
      step += 1;
      a.lab.store.setState((s) => ({ latest: metrics(step), history: [...s.history, metrics(step)] }));
    }, 1000);
    return { a, b, savedAt, since: () => savedAt.map((t) => (t - t0) / 1000), stop: () => { clearInterval(ticker); a.close(); } };
  }

  it('the interval is max(5 s, 20 x the last save), at most 30 s', () => {
    expect(autosaveIntervalMs(NaN)).toBe(5_000);
    expect(autosaveIntervalMs(40)).toBe(5_000);
    expect(autosaveIntervalMs(400)).toBe(8_000);
    expect(autosaveIntervalMs(1_000)).toBe(20_000);
    expect(autosaveIntervalMs(10_000)).toBe(30_000);
    expect(AUTOSAVE_CADENCE.minMs * AUTOSAVE_CADENCE.costFactor).toBeGreaterThan(AUTOSAVE_CADENCE.minMs);
  });

  it('quick saves land every ~5 s of training, not every 30 s', async () => {
    fakeTime();
    try {
      const t = await training();
      await vi.advanceTimersByTimeAsync(30_000);
      t.stop();
      // The numbers are written out, not read from AUTOSAVE_CADENCE: a return to 30 s must fail here.
      expect(t.since()[0]).toBeLessThanOrEqual(5.5);
      expect(t.savedAt.length).toBeGreaterThanOrEqual(5);
      const gaps = t.since().slice(1).map((s, i) => s - t.since()[i]!);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(5.5);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5);
      // A close now would lose the steps (one a second here) since the last save: at most ~5.
      const [saved] = await steps(t.b);
      expect(t.a.step() - saved!).toBeLessThanOrEqual(6);
    } finally {
      vi.useRealTimers();
    }
  });

  it('slow saves space out to 20 times their duration, so saving takes at most ~5% of the time', async () => {
    fakeTime();
    try {
      const t = await training(600); // a save of ~0.6 s: the next one 12 s after it
      await vi.advanceTimersByTimeAsync(45_000);
      t.stop();
      const [first, second, third] = t.since();
      expect(first).toBeCloseTo(5.6, 0);
      expect(second! - first!).toBeGreaterThanOrEqual(12);
      expect(second! - first!).toBeLessThanOrEqual(13);
      expect(third! - second!).toBeLessThanOrEqual(13);
      expect(t.a.autosave.lastSaveMs).toBeCloseTo(600, -1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts from the start of training, not from page load (a slow MNIST load is not training at risk)', async () => {
    fakeTime();
    try {
      const b = browser();
      const a = tab(b);
      await a.autosave.start();
      await vi.advanceTimersByTimeAsync(60_000); // loading, idle
      a.lab.store.setState({ running: true, latest: metrics(3), history: [metrics(3)] });
      await vi.advanceTimersByTimeAsync(2000);
      expect(await steps(b)).toEqual([]);
      a.lab.store.setState({ latest: metrics(40), history: [metrics(40)] });
      await vi.advanceTimersByTimeAsync(4000);
      expect(await steps(b)).toEqual([40]);
      a.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
