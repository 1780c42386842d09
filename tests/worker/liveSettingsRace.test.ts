import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LabController } from '../../src/hooks/labController';
import { Autosave } from '../../src/hooks/persistence';
import type { SavedModel } from '../../src/model/modelFile';
import type { ModelConfig, TrainSettings } from '../../src/shared/types';
import type { FromWorker } from '../../src/worker/protocol';
import { loadMnistFromPackage } from '../helpers/mnistNode';
import { nodeTrainWorker } from '../helpers/nodeTrainWorker';
import { useWasmBackend } from '../helpers/tfWasm';

/**
 * The page and a real TrainSession (wasm in node) joined by a channel that takes `DELAY_MS` each
 * way: the page's requests go out before the worker's answers to the earlier ones come back,
 * as they do when a restore, a reset and the reader's clicks land within one training step.
 */
const DELAY_MS = 3;
const mnist = loadMnistFromPackage();
const config: ModelConfig = { latentDim: 2, hiddenDim: 64, conditional: false, seed: 1 };
const settings: TrainSettings = { learningRate: 1e-3, batchSize: 32, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' };

beforeAll(async () => { await useWasmBackend(); });

const workers: ReturnType<typeof nodeTrainWorker>[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.session.close();
});

function connectedLab() {
  const lab = new LabController(config, settings, 'wasm', '');
  const started: ReturnType<typeof nodeTrainWorker>[] = [];
  lab.createWorker = () => {
    const w = nodeTrainWorker(mnist, DELAY_MS);
    started.push(w);
    workers.push(w);
    return w.port;
  };
  lab.connect();
  const worker = () => started.at(-1)!;
  return { lab, worker, started };
}

/** What the worker last confirmed: the values it trains with. */
function workerLive(msgs: FromWorker[]) {
  return msgs.filter((m): m is Extract<FromWorker, { type: 'live' }> => m.type === 'live').at(-1)!;
}

async function aFile(lab: LabController, latentDim: number, worker: () => ReturnType<typeof nodeTrainWorker>): Promise<SavedModel> {
  const model = await lab.exportModel();
  lab.reset({ latentDim: 2 }); // back to where we were; the file is the latent-2 model reshaped below
  await worker().settled();
  return { ...model, config: { ...model.config, latentDim }, settings: { ...model.settings, reconLoss: 'bce', pixels: 'grey' }, params: latentDim === model.config.latentDim ? model.params : [] };
}

describe('page and worker agree after loads and resets that race the reader\'s changes (item 5)', () => {
  it('a restore in flight, then a loss change, a beta change, a reset to latent 8 and a learning rate', async () => {
    const { lab, worker } = connectedLab();
    await lab.whenReady();
    await worker().settled();
    const file = await aFile(lab, 2, worker);
    lab.updateSettings({ klWeight: 3 });
    lab.loadModel({ ...file, source: 'restored from 2026-01-01T00:00:00Z (trained here)' });
    lab.updateSettings({ reconLoss: 'mse' });
    lab.reset({ latentDim: 8 });
    lab.updateSettings({ learningRate: 3e-3 });
    await worker().settled();
    const live = workerLive(worker().received);
    const page = lab.store.getState();
    expect(page.config).toEqual(live.config);
    expect(page.settings).toEqual(live.settings);
    expect(live.config).toMatchObject({ latentDim: 8 });
    expect(live.settings).toEqual({ ...settings, klWeight: 3, learningRate: 3e-3, reconLoss: 'mse' });
    expect(lab.view.getState().z).toHaveLength(8);
    // The restore was overtaken by the reset: the page shows a new model, not the restored one.
    expect(page.modelSource).toBe('new model, trained here from scratch');
    expect(page.history).toEqual([]);
  }, 120000);

  it('a reset in flight, then a load: the loaded shape wins on both sides, with the reader\'s settings', async () => {
    const { lab, worker } = connectedLab();
    await lab.whenReady();
    await worker().settled();
    const file = await aFile(lab, 2, worker);
    lab.reset({ latentDim: 16 });
    lab.updateSettings({ batchSize: 64, reconReduction: 'mean' });
    lab.loadModel({ ...file, source: 'imported from a.vaelab', settings: { ...settings, learningRate: 1, batchSize: 512, klWeight: 50 } });
    await worker().settled();
    const live = workerLive(worker().received);
    const page = lab.store.getState();
    expect(page.config).toEqual(live.config);
    expect(page.settings).toEqual(live.settings);
    expect(live.config).toMatchObject({ latentDim: 2 });
    expect(live.settings).toEqual({ ...settings, batchSize: 64, reconReduction: 'mean' });
    expect(page.modelSource).toBe('imported from a.vaelab');
  }, 120000);

  it('training metrics of a model the page has replaced never reach its history', async () => {
    const { lab, worker } = connectedLab();
    await lab.whenReady();
    lab.start();
    await new Promise<void>((resolve) => {
      const off = lab.store.subscribe(() => { if ((lab.store.getState().latest?.step ?? 0) >= 3) { off(); resolve(); } });
    });
    lab.reset({ latentDim: 4 });
    // Metrics of the old model still cross the channel now; none may land.
    await new Promise((r) => setTimeout(r, 10 * DELAY_MS));
    expect(lab.store.getState().history).toEqual([]);
    lab.pause();
    await worker().settled();
    expect(lab.store.getState().history).toEqual([]);
    expect(worker().received.some((m) => m.type === 'metrics' && m.epoch !== undefined && m.epoch < 3)).toBe(true);
  }, 120000);
});

describe('a dead or silent worker (items 7 and 8)', () => {
  it('an export the worker never answers is refused in bounded time, and the autosave does not stay saving', async () => {
    const lab = new LabController(config, settings, 'wasm', '');
    const sent: string[] = [];
    lab.createWorker = () => ({ postMessage: (m) => { sent.push(m.type); }, terminate: () => undefined, onmessage: null, onerror: null });
    lab.requestTimeoutMs = 200;
    lab.connect();
    lab.store.setState({ phase: 'ready', latest: { step: 5, epoch: 0, seconds: 1, samplesPerSec: 1, loss: 1, recon: 1, kl: 0, klPerDim: [0, 0], meanSigma: 1 } });
    const t0 = Date.now();
    await expect(lab.exportModel()).rejects.toThrow(/did not answer within 0 s|did not answer/);
    expect(Date.now() - t0).toBeLessThan(2000);
    const autosave = new Autosave(lab);
    // As if its restore had run and made this tab the save's owner (saves wait for that).
    (autosave as unknown as { owner: string }).owner = 'this-tab';
    await autosave.save(); // settles: the hung export is refused, not awaited forever
    expect(lab.store.getState().error).toMatch(/^Could not save the model in this browser: the trainer did not answer/);
    expect((autosave as unknown as { saving: boolean }).saving).toBe(false);
    // The file export asks for arrays; the autosave for tensors the worker encodes.
    expect(sent.filter((t) => t === 'export' || t === 'export-tensors')).toEqual(['export', 'export-tensors']);
  });

  it('a change the worker does not confirm in bounded time is reported, with a restart; a late confirmation clears it', async () => {
    vi.useFakeTimers();
    try {
      const lab = new LabController(config, settings, 'wasm', '');
      lab.createWorker = () => ({ postMessage: () => undefined, terminate: () => undefined, onmessage: null, onerror: null });
      lab.requestTimeoutMs = 1000;
      lab.connect();
      lab.updateSettings({ klWeight: 2 }); // still loading MNIST: waiting is normal
      await vi.advanceTimersByTimeAsync(5000);
      expect(lab.store.getState().stalled).toBe(false);
      lab.store.setState({ phase: 'ready' });
      lab.reset({ latentDim: 4 });
      await vi.advanceTimersByTimeAsync(999);
      expect(lab.store.getState().stalled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(lab.store.getState().stalled).toBe(true);
      const seq = (lab as unknown as { seq: number }).seq;
      (lab as unknown as { receive(m: FromWorker): void }).receive({ type: 'live', epoch: seq, seq, config: { ...config, latentDim: 4 }, settings: { ...settings, klWeight: 2 } });
      expect(lab.store.getState()).toMatchObject({ stalled: false, config: { latentDim: 4 }, settings: { klWeight: 2 } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a worker that aborts is reported in words, pending requests settle, and a restart brings a working trainer', async () => {
    const { lab, worker, started } = connectedLab();
    let restored = 0;
    lab.onRestart = () => { restored += 1; };
    await lab.whenReady();
    await worker().settled();
    lab.debugCrash();
    const hung = lab.exportModel();
    await expect(hung).rejects.toThrow(/the trainer stopped \(Aborted\(\)\)/);
    expect(lab.store.getState()).toMatchObject({ phase: 'error', running: false, crash: { reason: 'Aborted()' } });
    lab.updateSettings({ klWeight: 2 });
    lab.restart();
    expect(started).toHaveLength(2);
    expect(restored).toBe(1);
    expect(lab.store.getState().crash).toBeNull();
    await lab.whenReady();
    await worker().settled();
    expect(workerLive(worker().received).settings.klWeight).toBe(2);
    const model = await lab.exportModel();
    expect(model.params.length).toBeGreaterThan(0);
  }, 120000);
});
