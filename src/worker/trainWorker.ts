/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { Batcher, toFloats } from '../data/batcher';
import { binarizeFixed } from '../data/binarize';
import { loadMnist, type Mnist } from '../data/mnistLoader';
import { VaeTrainer } from '../model/trainer';
import { ClassAccuracyMeter } from './classAccuracyMeter';
import type { ModelConfig, StepMetrics, TestCodes, TrainSettings } from '../shared/types';
import { AnalysisQueue } from './analysisQueue';
import { chooseBackend, trySet, watchWebglContext } from './backend';
import type { BackendName, FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const EVAL_DIGITS = 1000;
const EVAL_EVERY_STEPS = 50;
/** Weights for sliders and grids: cheap to copy out. */
const SNAPSHOT_EVERY_MS = 1000;
/** Test codes for the latent map: encoding 2,000 digits costs several training steps. */
const CODES_EVERY_MS = 3000;
const GOOD_STATE_EVERY_STEPS = 100;
/** On webgl the weights live on the GPU and die with its context: copy them out more often. */
const GOOD_STATE_EVERY_STEPS_WEBGL = 20;

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
/** CPU copies of the test subset, to rebuild testX/testY on another backend. */
let testHost: ReturnType<typeof toFloats> | null = null;
/** The held-out digits binarized once (fixed seed), scored when pixels are binarized; made on first use. */
let evalXBinary: tf.Tensor2D | null = null;
let contextLost = false;
let markContextLost: () => void = () => undefined;
/** Settles with 'lost' when the WebGL context dies; never settles otherwise. */
let contextLostSignal: Promise<'lost'> = new Promise(() => undefined);
let loseContext: (() => void) | null = null;
let session: Session | null = null;
let running = false;
/** Bumped by every start, pause and reset: a loop whose token is stale stops at its next turn. */
let generation = 0;
/** The running loop, awaited before a reset disposes the model it is using. */
let loopDone: Promise<void> = Promise.resolve();

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

/** Issue 11's posterior picture and held-out log-likelihood, a chunk at a time. */
const analysis = new AnalysisQueue(post, () => (mnist && testHost ? {
  images: mnist.test.images, labels: mnist.test.labels, heldOutX: testHost.x, heldOutLabels: testHost.labels,
} : null), (owner) => owner === session);
let idleLoopRunning = false;

/** Analysis chunks back to back while not training, each after the queued messages. */
async function idleAnalysis(): Promise<void> {
  if (idleLoopRunning) return;
  idleLoopRunning = true;
  try {
    while (!running && session) {
      const s = session;
      if (!(await analysis.runChunk(s, s.trainer, false))) break;
      await yieldToMessages();
    }
  } finally {
    idleLoopRunning = false;
  }
}

function kickIdleAnalysis(): void {
  void idleAnalysis().catch(fail);
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

let lastCodes: { session: Session; codes: TestCodes; at: number } | null = null;

/** A new session whose starting weights are already its "last good" state for rollbacks. */
async function startSession(config: ModelConfig, settings: TrainSettings, trainer?: VaeTrainer): Promise<Session> {
  const s = newSession(config, settings, trainer);
  s.lastGood = await s.trainer.exportState();
  return s;
}

/** Fresh codes when `fresh` or when they are older than CODES_EVERY_MS, else the last ones. */
async function postSnapshot(s: Session, fresh = true): Promise<void> {
  if (!testX) return;
  const reuse = !fresh && lastCodes?.session === s && performance.now() - lastCodes.at < CODES_EVERY_MS
    ? lastCodes.codes : undefined;
  // The standard CVAE's encoder reads the label too: q(z | x, y).
  const snapshot = await s.trainer.snapshot(testX, reuse, s.trainer.params.encLabelW ? testY : null);
  if (snapshot.codes !== reuse) lastCodes = { session: s, codes: snapshot.codes, at: performance.now() };
  post({ type: 'snapshot', snapshot });
}

async function evaluate(s: Session): Promise<number> {
  const binarized = s.trainer.config.pixels === 'binarized';
  if (binarized && !evalXBinary && testHost) {
    evalXBinary = tf.tensor2d(binarizeFixed(testHost.x.subarray(0, EVAL_DIGITS * 784)), [EVAL_DIGITS, 784]);
  }
  const x = binarized && evalXBinary ? evalXBinary : tf.slice(testX!, [0, 0], [EVAL_DIGITS, -1]) as tf.Tensor2D;
  const y = s.trainer.config.conditional ? tf.slice(testY!, [0], [EVAL_DIGITS]) as tf.Tensor1D : null;
  try {
    return await s.trainer.evaluateNelbo(x, y);
  } finally {
    if (x !== evalXBinary) x.dispose();
    y?.dispose();
  }
}

/**
 * Lets queued messages (pause, settings) in between steps. A MessageChannel round trip, not
 * setTimeout(0): nested timers are clamped to >= 4 ms, a real share of a ~40 ms step.
 */
const yieldChannel = new MessageChannel();
const yieldWaiters: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yieldWaiters.shift()?.();
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    yieldWaiters.push(resolve);
    yieldChannel.port2.postMessage(null);
  });
}

/** Past this many nats per digit float32 is about to overflow: the run has blown up. */
const DIVERGED_NATS = 1e6;

interface LoopClock { lastSnapshot: number; window: { t: number; samples: number }[] }

/** One step with its metrics; 'stop' when this loop must end (reset, divergence). */
async function stepOnce(s: Session, clock: LoopClock): Promise<'continue' | 'stop'> {
  const t0 = performance.now();
  const batch = s.batcher.next(s.settings.batchSize);
  const readout = tf.tidy(() => {
    const x = tf.tensor2d(batch.x, [batch.size, 784]);
    const y = s.trainer.config.conditional ? tf.tensor1d(batch.labels, 'int32') : null;
    return s.trainer.trainStep(x, y, s.settings);
  });
  const values = await VaeTrainer.read(readout);
  readout.dispose();
  if (s !== session || contextLost) return 'stop'; // reset, or a dead context: numbers mean nothing
  const t1 = performance.now();
  s.trainSeconds += (t1 - t0) / 1000;
  const { window } = clock;
  window.push({ t: t1, samples: batch.size });
  while (window.length > 20) window.shift();
  const spanMs = window.at(-1)!.t - window[0]!.t;
  const samplesPerSec = window.length > 1
    ? (window.slice(1).reduce((a, w) => a + w.samples, 0) / spanMs) * 1000
    : batch.size / ((t1 - t0) / 1000);

  const step = s.trainer.step;
  const blownUp = [values.loss, values.recon, values.kl].some((v) => !Number.isFinite(v) || Math.abs(v) > DIVERGED_NATS);
  if (blownUp) {
    running = false;
    await recoverFromDivergence(s, step, values);
    return 'stop';
  }
  const metrics: StepMetrics = {
    step, epoch: s.batcher.epochProgress, seconds: s.trainSeconds, samplesPerSec,
    loss: values.loss, recon: values.recon, kl: values.kl, klPerDim: values.klPerDim, meanSigma: values.meanSigma,
    numTensors: tf.memory().numTensors,
    activeLoops,
  };
  if (step % EVAL_EVERY_STEPS === 0 || step === 1) metrics.testNelbo = await evaluate(s);
  post({ type: 'metrics', metrics });
  if (step % (backend === 'webgl' ? GOOD_STATE_EVERY_STEPS_WEBGL : GOOD_STATE_EVERY_STEPS) === 0) {
    s.lastGood = await s.trainer.exportState();
  }
  if (performance.now() - clock.lastSnapshot > SNAPSHOT_EVERY_MS) {
    await postSnapshot(s, false);
    clock.lastSnapshot = performance.now();
  }
  await meter.whileTraining(s.trainer);
  return 'continue';
}

/** Training loops alive right now; the metrics carry it so tests can prove it never exceeds 1. */
let activeLoops = 0;

async function trainLoop(token: number): Promise<void> {
  activeLoops += 1;
  try {
    await runLoop(token);
  } finally {
    activeLoops -= 1;
  }
}

async function runLoop(token: number): Promise<void> {
  const s = session;
  if (!s) return;
  const clock: LoopClock = { lastSnapshot: performance.now(), window: [] };
  while (running && token === generation && s === session) {
    if (contextLost) {
      await recoverFromContextLoss();
      return;
    }
    // A read from a lost WebGL context may never settle: race every step against the loss.
    const step = stepOnce(s, clock);
    step.catch(() => undefined);
    const outcome = await Promise.race([step, contextLostSignal]);
    if (outcome === 'lost') continue;
    if (outcome === 'stop') return;
    // At most one chunk of analysis (about a step's compute) between two training steps.
    if (running && token === generation && s === session) await analysis.runChunk(s, s.trainer, true);
    await yieldToMessages();
  }
}

/**
 * The WebGL context is gone, and with it every tensor on the GPU. Move to wasm (or cpu),
 * rebuild the model from the last CPU copy of its weights, and carry on training.
 */
async function recoverFromContextLoss(): Promise<void> {
  const s = session;
  if (!s || !testHost) return;
  contextLost = false;
  loseContext = null;
  contextLostSignal = new Promise(() => undefined);
  const lostAt = s.trainer.step;
  const saved = s.lastGood;
  const next: BackendName = (await trySet('wasm')) ? 'wasm' : (await trySet('cpu')) ? 'cpu' : 'webgl';
  backend = next;
  // Tensors of the lost backend cannot be read or freed normally; drop our references.
  testX = tf.tensor2d(testHost.x, [testHost.count, 784]);
  testY = tf.tensor1d(testHost.labels, 'int32');
  evalXBinary = null; // it lived on the lost backend; evaluate() remakes it
  try {
    s.trainer.dispose();
  } catch {
    // Freeing textures of a lost context can throw; they are gone with it anyway.
  }
  const trainer = new VaeTrainer(s.trainer.config, s.settings);
  if (saved) trainer.importState(saved);
  session = { ...s, trainer, lastGood: saved };
  post({ type: 'backend', backend: next, backendNote: `WebGL context lost at step ${lostAt}; moved to ${next}` });
  post({
    type: 'notice',
    message: `The WebGL context was lost at step ${lostAt}. Training moved to ${next} and goes on from `
      + (saved ? `the weights of step ${saved.step}.` : 'new weights (none had been saved yet).'),
  });
  await postSnapshot(session);
  if (running) {
    generation += 1;
    loopDone = trainLoop(generation).catch(fail);
  }
}

async function recoverFromDivergence(s: Session, step: number, values: { loss: number; kl: number }): Promise<void> {
  const back = s.lastGood;
  if (back) s.trainer.importState(back);
  post({ type: 'running', running: false });
  const what = Number.isFinite(values.loss) && Number.isFinite(values.kl)
    ? `the numbers blew up (KL ${values.kl.toExponential(1)} nats), heading for overflow`
    : 'the loss became NaN or infinite';
  post({
    type: 'error', fatal: false,
    message: `Training diverged at step ${step}: ${what}. `
      + (back ? `Restored the weights from step ${back.step}. ` : 'No earlier weights to restore; press reset. ')
      + 'Lower the learning rate, or raise beta if it is 0 with squared error, then press start.',
  });
  await postSnapshot(s);
  kickIdleAnalysis();
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init': {
      const chosen = await chooseBackend(msg.backend, msg.wasmThreads);
      backend = chosen.backend;
      contextLostSignal = new Promise<'lost'>((resolve) => {
        markContextLost = () => {
          contextLost = true;
          resolve('lost');
        };
      });
      loseContext = watchWebglContext(() => markContextLost());
      mnist = await loadMnist(msg.dataUrl, (p) => post({ type: 'progress', ...p }));
      const test = toFloats(mnist.test, msg.testCount);
      testHost = test;
      testX = tf.tensor2d(test.x, [test.count, 784]);
      testY = tf.tensor1d(test.labels, 'int32');
      session = await startSession(msg.config, msg.settings);
      if (msg.config.conditional) meter.prepareClassifier(mnist);
      post({
        type: 'ready', backend, backendNote: chosen.note, testCount: test.count,
        testImages: mnist.test.images.slice(0, test.count * 784), testLabels: mnist.test.labels.slice(0, test.count),
      });
      await postSnapshot(session);
      kickIdleAnalysis();
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
      if (session) await meter.measureNow(session.trainer);
      kickIdleAnalysis();
      return;
    }
    case 'reset': {
      if (!mnist) return;
      running = false;
      generation += 1;
      await loopDone;
      session = await startSession(msg.config, session?.settings ?? { learningRate: 1e-3, batchSize: 128, klWeight: 1 });
      if (msg.config.conditional) meter.prepareClassifier(mnist);
      post({ type: 'reset-done', config: msg.config });
      analysis.drop();
      await postSnapshot(session);
      post({ type: 'running', running: false });
      await meter.measureNow(session.trainer);
      kickIdleAnalysis();
      return;
    }
    case 'load': {
      if (!mnist) return;
      const { model } = msg;
      // Build and fill the new model first; the old one is disposed only once this worked.
      const trainer = new VaeTrainer(model.config, model.settings);
      try {
        trainer.importState({ params: model.params, m: model.optimizer?.m, v: model.optimizer?.v, momentSteps: model.optimizer?.momentSteps, step: model.step });
      } catch (err) {
        trainer.dispose();
        post({ type: 'error', fatal: false, message: `Could not load the model: ${(err as Error).message}. The current model is unchanged.` });
        return;
      }
      running = false;
      generation += 1;
      await loopDone;
      session = await startSession(model.config, model.settings, trainer);
      post({ type: 'running', running: false });
      if (model.config.conditional) meter.prepareClassifier(mnist);
      post({ type: 'loaded', config: model.config, settings: model.settings, step: model.step, source: model.source });
      analysis.drop();
      await postSnapshot(session);
      await meter.measureNow(session.trainer);
      kickIdleAnalysis();
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
          params: state.params, optimizer: { m: state.m, v: state.v, momentSteps: state.momentSteps },
          source: 'trained here', savedAt: new Date().toISOString(),
        },
      });
      return;
    }
    case 'analyze': {
      const valid = msg.digit !== null && Number.isInteger(msg.digit) && msg.digit >= 0 && msg.digit < (mnist?.test.count ?? 0);
      analysis.digit = valid ? msg.digit : null;
      analysis.live = msg.live;
      kickIdleAnalysis();
      return;
    }
    case 'debug-lose-context': {
      loseContext?.();
      return;
    }
    case 'settings': {
      if (!session) return;
      session.settings = msg.settings;
      session.trainer.config.reconLoss = msg.reconLoss;
      session.trainer.config.reconReduction = msg.reconReduction;
      session.trainer.config.pixels = msg.pixels;
      return;
    }
  }
}

const meter = new ClassAccuracyMeter(post, yieldToMessages, () => session?.trainer ?? null);

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
