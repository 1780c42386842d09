/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { Batcher, toFloats } from '../data/batcher';
import { loadMnist, type Mnist } from '../data/mnistLoader';
import { VaeTrainer } from '../model/trainer';
import type { ModelConfig, StepMetrics, TrainSettings } from '../model/types';
import { chooseBackend } from './backend';
import type { BackendName, FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const EVAL_DIGITS = 1000;
const EVAL_EVERY_STEPS = 50;
const SNAPSHOT_EVERY_MS = 1500;
const GOOD_STATE_EVERY_STEPS = 100;

interface Session {
  trainer: VaeTrainer;
  batcher: Batcher;
  settings: TrainSettings;
  trainSeconds: number;
  lastGood: Awaited<ReturnType<VaeTrainer['exportState']>> | null;
}

let mnist: Mnist | null = null;
let backend: BackendName = 'cpu';
let testX: tf.Tensor2D | null = null;
let testY: tf.Tensor1D | null = null;
let session: Session | null = null;
let running = false;
/** Bumped by every start, pause and reset: a loop whose token is stale stops at its next turn. */
let generation = 0;
/** The running loop, awaited before a reset disposes the model it is using. */
let loopDone: Promise<void> = Promise.resolve();

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function newSession(config: ModelConfig, settings: TrainSettings, trainer?: VaeTrainer): Session {
  session?.trainer.dispose();
  return {
    trainer: trainer ?? new VaeTrainer(config, settings),
    batcher: new Batcher(mnist!.train, config.seed),
    settings,
    trainSeconds: 0,
    lastGood: null,
  };
}

async function postSnapshot(s: Session): Promise<void> {
  if (!testX) return;
  post({ type: 'snapshot', snapshot: await s.trainer.snapshot(testX) });
}

async function evaluate(s: Session): Promise<number> {
  const x = tf.slice(testX!, [0, 0], [EVAL_DIGITS, -1]) as tf.Tensor2D;
  const y = s.trainer.config.conditional ? tf.slice(testY!, [0], [EVAL_DIGITS]) as tf.Tensor1D : null;
  try {
    return await s.trainer.evaluateNelbo(x, y);
  } finally {
    x.dispose();
    y?.dispose();
  }
}

/** Lets queued messages (pause, settings) in between steps. */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function trainLoop(token: number): Promise<void> {
  const s = session;
  if (!s) return;
  let lastSnapshot = performance.now();
  const window: { t: number; samples: number }[] = [];
  while (running && token === generation && s === session) {
    const t0 = performance.now();
    const batch = s.batcher.next(s.settings.batchSize);
    const readout = tf.tidy(() => {
      const x = tf.tensor2d(batch.x, [batch.size, 784]);
      const y = s.trainer.config.conditional ? tf.tensor1d(batch.labels, 'int32') : null;
      return s.trainer.trainStep(x, y, s.settings);
    });
    const values = await VaeTrainer.read(readout);
    readout.dispose();
    if (s !== session) return; // reset while the step ran: this session is gone
    const t1 = performance.now();
    s.trainSeconds += (t1 - t0) / 1000;
    window.push({ t: t1, samples: batch.size });
    while (window.length > 20) window.shift();
    const spanMs = (window.at(-1)!.t - window[0]!.t);
    const samplesPerSec = window.length > 1 ? (window.slice(1).reduce((a, w) => a + w.samples, 0) / spanMs) * 1000 : batch.size / ((t1 - t0) / 1000);

    const step = s.trainer.step;
    if (!Number.isFinite(values.loss)) {
      running = false;
      await recoverFromDivergence(s, step);
      return;
    }
    const metrics: StepMetrics = {
      step, epoch: s.batcher.epochProgress, seconds: s.trainSeconds, samplesPerSec,
      loss: values.loss, recon: values.recon, kl: values.kl, klPerDim: values.klPerDim, meanSigma: values.meanSigma,
    };
    if (step % EVAL_EVERY_STEPS === 0 || step === 1) metrics.testNelbo = await evaluate(s);
    post({ type: 'metrics', metrics });
    if (step % GOOD_STATE_EVERY_STEPS === 0) s.lastGood = await s.trainer.exportState();
    if (performance.now() - lastSnapshot > SNAPSHOT_EVERY_MS) {
      await postSnapshot(s);
      lastSnapshot = performance.now();
    }
    await yieldToMessages();
  }
}

async function recoverFromDivergence(s: Session, step: number): Promise<void> {
  const back = s.lastGood;
  if (back) s.trainer.importState(back);
  post({ type: 'running', running: false });
  post({
    type: 'error', fatal: false,
    message: `Training diverged at step ${step}: the loss became NaN or infinite. `
      + (back ? `Restored the weights from step ${back.step}. ` : 'No earlier weights to restore; press reset. ')
      + 'Lower the learning rate, or raise beta if it is 0 with squared error, then press start.',
  });
  await postSnapshot(s);
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init': {
      const chosen = await chooseBackend(msg.backend);
      backend = chosen.backend;
      mnist = await loadMnist(msg.dataUrl, (p) => post({ type: 'progress', ...p }));
      const test = toFloats(mnist.test, msg.testCount);
      testX = tf.tensor2d(test.x, [test.count, 784]);
      testY = tf.tensor1d(test.labels, 'int32');
      session = newSession(msg.config, msg.settings);
      post({
        type: 'ready', backend, backendNote: chosen.note, testCount: test.count,
        testImages: mnist.test.images.slice(0, test.count * 784), testLabels: mnist.test.labels.slice(0, test.count),
      });
      await postSnapshot(session);
      return;
    }
    case 'start': {
      if (!session || running) return;
      running = true;
      generation += 1;
      post({ type: 'running', running: true });
      loopDone = trainLoop(generation).catch(fail);
      return;
    }
    case 'pause': {
      if (!running) return;
      running = false;
      generation += 1;
      await loopDone;
      post({ type: 'running', running: false });
      if (session) await postSnapshot(session);
      return;
    }
    case 'reset': {
      if (!mnist) return;
      const wasRunning = running;
      running = false;
      generation += 1;
      await loopDone;
      session = newSession(msg.config, session?.settings ?? { learningRate: 1e-3, batchSize: 128, klWeight: 1 });
      post({ type: 'reset-done', config: msg.config });
      await postSnapshot(session);
      if (wasRunning) post({ type: 'running', running: false });
      return;
    }
    case 'load': {
      if (!mnist) return;
      const { model } = msg;
      // Build and fill the new model first; the old one is disposed only once this worked.
      const trainer = new VaeTrainer(model.config, model.settings);
      try {
        trainer.importState({ params: model.params, m: model.optimizer?.m, v: model.optimizer?.v, step: model.step });
      } catch (err) {
        trainer.dispose();
        post({ type: 'error', fatal: false, message: `Could not load the model: ${(err as Error).message}. The current model is unchanged.` });
        return;
      }
      running = false;
      generation += 1;
      await loopDone;
      session = newSession(model.config, model.settings, trainer);
      session.lastGood = await trainer.exportState();
      post({ type: 'running', running: false });
      post({ type: 'loaded', config: model.config, settings: model.settings, step: model.step, source: model.source });
      await postSnapshot(session);
      return;
    }
    case 'export': {
      if (!session) {
        post({ type: 'exported', requestId: msg.requestId, model: null, error: 'no model yet' });
        return;
      }
      const state = await session.trainer.exportState();
      post({
        type: 'exported', requestId: msg.requestId,
        model: {
          config: { ...session.trainer.config }, settings: session.settings, step: state.step,
          params: state.params, optimizer: { m: state.m, v: state.v },
          source: 'trained here', savedAt: new Date().toISOString(),
        },
      });
      return;
    }
    case 'settings': {
      if (!session) return;
      session.settings = msg.settings;
      session.trainer.config.reconLoss = msg.reconLoss;
      session.trainer.config.reconReduction = msg.reconReduction;
      return;
    }
  }
}

function fail(err: unknown): void {
  running = false;
  generation += 1;
  post({ type: 'running', running: false });
  post({ type: 'error', fatal: true, message: err instanceof Error ? err.message : String(err) });
}

// Messages are handled one at a time, in order, so a reset never interleaves with an init.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  queue = queue.then(() => handle(event.data)).catch(fail);
};
