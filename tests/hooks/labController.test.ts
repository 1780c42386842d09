import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LabController, METRICS_FLUSH_MS } from '../../src/hooks/labController';
import type { StepMetrics } from '../../src/shared/types';
import type { FromWorker } from '../../src/worker/protocol';

const config = { latentDim: 2, hiddenDim: 512, conditional: false, seed: 1 } as const;
const settings = { learningRate: 1e-2, batchSize: 128, klWeight: 1, reconLoss: 'bce' as const, reconReduction: 'sum' as const, pixels: 'grey' as const };

function metrics(step: number, extra: Partial<StepMetrics> = {}): StepMetrics {
  return { step, epoch: 0, seconds: step / 20, samplesPerSec: 2500, loss: 200 - step, recon: 190 - step, kl: 10, klPerDim: [5, 5], meanSigma: 0.5, ...extra };
}

/** Feeds a message as if the worker had sent it (no worker is started). */
function deliver(lab: LabController, msg: FromWorker): void {
  (lab as unknown as { receive(m: FromWorker): void }).receive(msg);
}

describe('LabController: step metrics reach the store coalesced while training', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('holds a burst of steps until the flush interval, then adds all of them in order', () => {
    const lab = new LabController(config, settings, 'auto', 'data/');
    deliver(lab, { type: 'running', running: true });
    let notified = 0;
    lab.store.subscribe(() => { notified += 1; });
    for (let s = 1; s <= 5; s++) deliver(lab, { type: 'metrics', metrics: metrics(s + 1) });
    expect(lab.store.getState().history).toHaveLength(0);
    expect(notified).toBe(0);
    vi.advanceTimersByTime(METRICS_FLUSH_MS);
    const { history, latest } = lab.store.getState();
    expect(history.map((m) => m.step)).toEqual([2, 3, 4, 5, 6]);
    expect(latest?.step).toBe(6);
    expect(notified).toBe(1);
  });

  it('shows a held-out score at once, with the steps before it', () => {
    const lab = new LabController(config, settings, 'auto', 'data/');
    deliver(lab, { type: 'running', running: true });
    deliver(lab, { type: 'metrics', metrics: metrics(49) });
    deliver(lab, { type: 'metrics', metrics: metrics(50, { testNelbo: 171.5 }) });
    expect(lab.store.getState().history.map((m) => m.step)).toEqual([49, 50]);
    expect(lab.store.getState().latest?.testNelbo).toBe(171.5);
  });

  it('flushes on pause and passes metrics straight through while paused', () => {
    const lab = new LabController(config, settings, 'auto', 'data/');
    deliver(lab, { type: 'running', running: true });
    deliver(lab, { type: 'metrics', metrics: metrics(7) });
    deliver(lab, { type: 'running', running: false });
    expect(lab.store.getState().latest?.step).toBe(7);
    deliver(lab, { type: 'metrics', metrics: metrics(8) }); // a step that finished after the pause
    expect(lab.store.getState().latest?.step).toBe(8);
  });

  it('never lets a replaced model\'s pending steps into the new history', () => {
    const lab = new LabController(config, settings, 'auto', 'data/');
    deliver(lab, { type: 'running', running: true });
    deliver(lab, { type: 'metrics', metrics: metrics(300) });
    deliver(lab, { type: 'reset-done', config });
    vi.advanceTimersByTime(10 * METRICS_FLUSH_MS);
    expect(lab.store.getState().history).toHaveLength(0);
    expect(lab.store.getState().latest).toBeNull();
  });
});

describe('LabController: loading a model', () => {
  const saved = (seconds: number) => ({
    config: { ...config, latentDim: 2 }, settings: { learningRate: 1e-3, batchSize: 64, klWeight: 4, reconLoss: 'bce' as const, reconReduction: 'sum' as const, pixels: 'grey' as const }, step: 3000,
    params: [], history: [metrics(3000, { seconds })], source: 'a file', savedAt: '2026-01-01T00:00:00Z',
  });
  function labWithOutbox(latentDim = 8) {
    const lab = new LabController({ ...config, latentDim }, { ...settings, learningRate: 3e-3 }, 'auto', 'data/');
    const sent: { type: string; model?: { settings: unknown; config: { latentDim: number } } }[] = [];
    (lab as unknown as { send(m: unknown): void }).send = (m) => { sent.push(m as (typeof sent)[number]); };
    return { lab, sent };
  }

  it('sends the file as it is (the worker keeps its own settings), shows what the worker confirms, and says what changed', () => {
    const { lab, sent } = labWithOutbox(8);
    lab.loadModel(saved(2000));
    expect(sent[0]?.model?.settings).toEqual({ learningRate: 1e-3, batchSize: 64, klWeight: 4, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' });
    expect(lab.store.getState().settings.learningRate).toBe(3e-3); // nothing confirmed yet
    const epoch = (sent[0] as unknown as { seq: number }).seq;
    deliver(lab, { type: 'loaded', epoch, config: { ...config, latentDim: 2 }, settings: { learningRate: 3e-3, batchSize: 128, klWeight: 1, reconLoss: 'bce' as const, reconReduction: 'sum' as const, pixels: 'grey' as const }, step: 3000, source: 'a file' });
    deliver(lab, { type: 'live', epoch, seq: epoch, config: { ...config, latentDim: 2 }, settings: { learningRate: 3e-3, batchSize: 128, klWeight: 1, reconLoss: 'bce' as const, reconReduction: 'sum' as const, pixels: 'grey' as const } });
    const s = lab.store.getState();
    expect(s.settings.learningRate).toBe(3e-3);
    expect(s.config.latentDim).toBe(2);
    expect(s.loadNote).toEqual({ latentDim: { from: 8, to: 2 } });
    lab.reset();
    expect(lab.store.getState().loadNote).toBeNull();
    expect(lab.store.getState().settings.learningRate).toBe(3e-3);
  });

  it('counts the reader\'s training time: none of the shipped model\'s, all of their own file\'s, plus live steps', () => {
    const { lab } = labWithOutbox(2);
    const loaded = { type: 'loaded', config, settings, step: 3000, source: 'x' } as const;
    lab.loadModel(saved(2000), { shipped: true });
    deliver(lab, loaded);
    expect(lab.trainedSeconds()).toBe(0);
    expect(lab.store.getState().history.at(-1)?.seconds).toBe(0);
    lab.loadModel(saved(90));
    deliver(lab, loaded);
    expect(lab.trainedSeconds()).toBe(90);
    deliver(lab, { type: 'metrics', metrics: metrics(3001, { seconds: 5 }) });
    expect(lab.trainedSeconds()).toBe(95);
    // The history goes on from the file's count, so a save and restore keeps all 95 s.
    expect(lab.store.getState().history.at(-1)?.seconds).toBe(95);
    lab.reset();
    deliver(lab, { type: 'reset-done', config });
    expect(lab.trainedSeconds()).toBe(0);
  });
});
