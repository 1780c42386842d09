import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assembleModelFile, decodeModelFile, type SavedModel } from '../../src/model/modelFile';
import type { ModelConfig, TrainSettings } from '../../src/shared/types';
import type { FromWorker, ToWorker } from '../../src/worker/protocol';
import { loadMnistFromPackage } from '../helpers/mnistNode';
import { nodeTrainWorker } from '../helpers/nodeTrainWorker';
import { useWasmBackend } from '../helpers/tfWasm';

const mnist = loadMnistFromPackage();
const config: ModelConfig = { latentDim: 2, hiddenDim: 64, conditional: false, seed: 1 };
const settings: TrainSettings = { learningRate: 1e-3, batchSize: 32, klWeight: 1, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' };
const init = (seq: number): ToWorker => ({ type: 'init', seq, dataUrl: '', backend: 'wasm', wasmThreads: 1, config, settings, testCount: 200 });

beforeAll(async () => { await useWasmBackend(); });

let workers: ReturnType<typeof nodeTrainWorker>[] = [];
afterEach(async () => {
  for (const w of workers) await w.session.close();
  workers = [];
});

function start(delayMs = 0) {
  const w = nodeTrainWorker(mnist, delayMs);
  workers.push(w);
  return w;
}

async function until(pred: () => boolean, ms = 30000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const lastLive = (msgs: FromWorker[]) => msgs.filter((m): m is Extract<FromWorker, { type: 'live' }> => m.type === 'live').at(-1)!;
const exported = (msgs: FromWorker[], id: number) => msgs.find((m): m is Extract<FromWorker, { type: 'exported' }> => m.type === 'exported' && m.requestId === id);

describe('TrainSession: one epoch per model', () => {
  it('after a reset mid-training, nothing about the old model is posted, and the tensor count returns', async () => {
    const w = start();
    w.port.postMessage(init(1));
    await w.settled();
    expect(w.received.some((m) => m.type === 'ready')).toBe(true);
    expect(lastLive(w.received)).toMatchObject({ epoch: 1, seq: 1, config, settings });
    const baseline = tf.memory().numTensors;
    w.port.postMessage({ type: 'start' });
    await until(() => w.received.filter((m) => m.type === 'metrics').length >= 5);
    w.port.postMessage({ type: 'reset', seq: 2, shape: { latentDim: 3 } });
    await w.settled();
    const resetAt = w.received.findIndex((m) => m.type === 'reset-done');
    expect(resetAt).toBeGreaterThan(0);
    const after = w.received.slice(resetAt);
    expect(after.filter((m) => m.epoch !== undefined).every((m) => m.epoch === 2)).toBe(true);
    expect(after.some((m) => m.type === 'metrics')).toBe(false);
    expect(w.received.slice(0, resetAt).filter((m) => m.type === 'metrics').every((m) => m.epoch === 1)).toBe(true);
    expect(lastLive(w.received)).toMatchObject({ epoch: 2, seq: 2, config: { ...config, latentDim: 3 }, settings });
    // The new model holds as many tensors as the one it replaced (larger ones); nothing of the old stays.
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120000);

  it('owns the live settings: a reset or a load keeps them, a load takes only the file\'s shape', async () => {
    const w = start();
    w.port.postMessage(init(1));
    w.port.postMessage({ type: 'settings', seq: 2, settings: { klWeight: 4, reconLoss: 'mse' } });
    w.port.postMessage({ type: 'reset', seq: 3, shape: {} });
    w.port.postMessage({ type: 'export', requestId: 7 });
    await w.settled();
    expect(lastLive(w.received)).toMatchObject({ epoch: 3, seq: 3, settings: { ...settings, klWeight: 4, reconLoss: 'mse' }, config });
    const model = exported(w.received, 7)!.model!;
    const file: SavedModel = {
      ...model, config: { ...model.config, seed: 99 },
      settings: { ...settings, learningRate: 1, batchSize: 512, klWeight: 9, pixels: 'binarized' }, step: 1234,
    };
    w.port.postMessage({ type: 'load', seq: 4, model: file });
    await w.settled();
    const loaded = w.received.find((m) => m.type === 'loaded');
    expect(loaded).toMatchObject({ epoch: 4, step: 1234 });
    expect(lastLive(w.received)).toMatchObject({
      epoch: 4, seq: 4, settings: { ...settings, klWeight: 4, reconLoss: 'mse' }, config: { ...config, seed: 1 },
    });
    // A file that does not fit is refused; the model of epoch 4 stays and says so.
    w.port.postMessage({ type: 'load', seq: 5, model: { ...file, params: file.params.slice(1) } });
    await w.settled();
    const refused = w.received.find((m) => m.type === 'load-failed');
    expect(refused).toMatchObject({ seq: 5, keptEpoch: 4 });
    expect(lastLive(w.received)).toMatchObject({ epoch: 4, seq: 5 });
    w.port.postMessage({ type: 'export', requestId: 8 });
    await w.settled();
    expect(exported(w.received, 8)!.model!.step).toBe(1234);
  }, 120000);
});

describe('TrainSession: the autosave\'s export', () => {
  it('encodes the weights it would export as arrays, transfers the bytes, and refuses NaN by name', async () => {
    const w = start();
    w.port.postMessage(init(1));
    w.port.postMessage({ type: 'start' });
    await until(() => w.received.filter((m) => m.type === 'metrics').length >= 3);
    w.port.postMessage({ type: 'pause' });
    w.port.postMessage({ type: 'export', requestId: 1 });
    w.port.postMessage({ type: 'export-tensors', requestId: 2, headerRoom: 64 * 1024 });
    await w.settled();
    const arrays = exported(w.received, 1)!.model!;
    const answer = w.received.find((m): m is Extract<FromWorker, { type: 'exported-tensors' }> => m.type === 'exported-tensors' && m.requestId === 2)!;
    const weights = answer.weights!;
    expect(weights.step).toBe(arrays.step);
    expect(weights.workerMs).toBeGreaterThan(0);
    expect(w.transfers.get(answer)?.length === 1 && w.transfers.get(answer)?.[0] === weights.tensors.bytes.buffer).toBe(true);
    expect(weights.tensors.start).toBe(64 * 1024);
    const bytes = assembleModelFile({ ...weights, source: 's' }, weights.tensors, '[]');
    expect(bytes.buffer === weights.tensors.bytes.buffer).toBe(true); // the header went into the room: no copy
    const file = decodeModelFile(bytes);
    expect(file.params).toEqual(arrays.params);
    expect(file.optimizer?.m).toEqual(arrays.optimizer?.m);
    expect(file.optimizer?.v).toEqual(arrays.optimizer?.v);
    expect(file.optimizer?.momentSteps).toBe(arrays.optimizer?.momentSteps);
    // Weights gone bad are named, and nothing is encoded.
    const run = (w.session as unknown as { run: { trainer: { exportState: () => Promise<{ params: Float32Array[] }> } } }).run;
    const read = run.trainer.exportState.bind(run.trainer);
    run.trainer.exportState = async () => {
      const state = await read();
      state.params[2]![0] = NaN;
      return state;
    };
    w.port.postMessage({ type: 'export-tensors', requestId: 3, headerRoom: 0 });
    await w.settled();
    expect(w.received.find((m) => m.type === 'exported-tensors' && m.requestId === 3)).toMatchObject({ weights: null, nonFinite: 'weights 2' });
  }, 120000);
});

describe('TrainSession: recovery', () => {
  it('a run that diverges stops, rolls back to its last good weights and says what to change', async () => {
    const w = start();
    w.port.postMessage({ ...init(1), config: { ...config, latentDim: 16 }, settings: { ...settings, learningRate: 1, batchSize: 32, klWeight: 0, reconLoss: 'mse' } } as ToWorker);
    await w.settled();
    w.port.postMessage({ type: 'start' });
    await until(() => w.received.some((m) => m.type === 'error'), 60000);
    const error = w.received.find((m): m is Extract<FromWorker, { type: 'error' }> => m.type === 'error')!;
    expect(error).toMatchObject({ fatal: false, epoch: 1 });
    const m = /^Training diverged at step (\d+): .*(Restored the weights from step (\d+)\.)/.exec(error.message);
    expect(m, error.message).not.toBeNull();
    const [divergedAt, restoredTo] = [Number(m![1]), Number(m![3])];
    expect(restoredTo).toBeLessThan(divergedAt);
    await w.settled();
    expect(w.received.filter((x) => x.type === 'running').at(-1)).toMatchObject({ running: false });
    w.port.postMessage({ type: 'export', requestId: 3 });
    await w.settled();
    const model = exported(w.received, 3)!.model!;
    expect(model.step).toBe(restoredTo);
    expect(model.params.every((p) => p.every(Number.isFinite))).toBe(true);
  }, 120000);
});

describe('TrainSession: reads that would hang are settled', () => {
  it('an export whose GPU read never returns is refused when the context is lost, and the next export works', async () => {
    const w = start();
    w.port.postMessage(init(1));
    await w.settled();
    const run = (w.session as unknown as { run: { trainer: { exportState: () => Promise<unknown> } } }).run;
    run.trainer.exportState = () => new Promise(() => undefined); // a read from a dead GPU
    w.port.postMessage({ type: 'export', requestId: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(exported(w.received, 1)).toBeUndefined();
    w.session.contextLost();
    await until(() => exported(w.received, 1) !== undefined, 5000);
    expect(exported(w.received, 1)).toMatchObject({ model: null, error: expect.stringMatching(/WebGL context was lost/) });
    await w.settled();
    const notice = w.received.find((m) => m.type === 'notice');
    expect(notice).toMatchObject({ message: expect.stringMatching(/^The WebGL context was lost at step 0\. Training moved to wasm/) });
    // The rebuilt model answers: the queue was not left stuck behind the dead read.
    w.port.postMessage({ type: 'export', requestId: 2 });
    await w.settled();
    expect(exported(w.received, 2)?.model?.params.length).toBeGreaterThan(0);
  }, 120000);
});
