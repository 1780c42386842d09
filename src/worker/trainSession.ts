import * as tf from '@tensorflow/tfjs';
import { Batcher, toFloats } from '../data/batcher';
import { binarizeFixed } from '../data/binarize';
import type { Mnist } from '../data/mnistLoader';
import { encodeTensors, NonFiniteWeightsError, type SavedModel } from '../model/modelFile';
import { firstNonFinite } from '../model/finiteWeights';
import { VaeTrainer } from '../model/trainer';
import type { ModelConfig, StepMetrics, TestCodes, TrainSettings } from '../shared/types';
import { AnalysisQueue } from './analysisQueue';
import { ClassAccuracyMeter } from './classAccuracyMeter';
import type { BackendName, FromWorker, ToWorker } from './protocol';
import {
  ContextWatch, contextLostNotice, divergenceMessage, hasDiverged, nextBackend, READ_DEADLINE_MS, withDeadline,
} from './recovery';

const EVAL_DIGITS = 1000;
const EVAL_EVERY_STEPS = 50;
/** Weights for sliders and grids: cheap to copy out. */
const SNAPSHOT_EVERY_MS = 1000;
/** Test codes for the latent map: encoding 2,000 digits costs several training steps. */
const CODES_EVERY_MS = 3000;
const GOOD_STATE_EVERY_STEPS = 100;
/** On webgl the weights live on the GPU and die with its context: copy them out more often. */
const GOOD_STATE_EVERY_STEPS_WEBGL = 20;

/** The header room an export leaves is at most this (a 20,000-point history is ~5 MB of JSON). */
const MAX_HEADER_ROOM = 64 * 1024 * 1024;

/** What the session needs from the thread it runs in (a worker; a test in node). */
export interface SessionHost {
  post(msg: FromWorker, transfer?: Transferable[]): void;
  /** Lets queued messages in between steps. */
  yieldToMessages(): Promise<void>;
  backend(): BackendName;
  /** Switches tfjs to `name`; false when it cannot start. */
  trySet(name: 'wasm' | 'cpu'): Promise<boolean>;
  setBackend(name: BackendName): void;
}

/** One model: made by an init, reset or load, and named by that request's seq (its epoch). */
interface ModelRun {
  epoch: number;
  trainer: VaeTrainer;
  batcher: Batcher;
  settings: TrainSettings;
  trainSeconds: number;
  lastGood: Awaited<ReturnType<VaeTrainer['exportState']>> | null;
}

interface TestData {
  mnist: Mnist;
  /** CPU copies of the test subset, to rebuild the tensors on another backend. */
  host: ReturnType<typeof toFloats>;
  x: tf.Tensor2D;
  y: tf.Tensor1D;
  /** The held-out digits binarized once (fixed seed), scored when pixels are binarized; made on first use. */
  xBinary: tf.Tensor2D | null;
}

interface LoopClock { lastSnapshot: number; window: { t: number; samples: number }[] }

/**
 * The training worker's state and every command on it: start, pause, reset, load, export,
 * settings. It owns the live settings; the page shows what `live` messages confirm. Every message
 * about a model carries that model's epoch, and a loop or read that finishes after its model was
 * replaced posts nothing, so a stale result cannot reach the page.
 */
export class TrainSession {
  private data: TestData | null = null;
  private run: ModelRun | null = null;
  /** Before the data arrives: the model the init asked for, changed by requests that came since. */
  private initial: { epoch: number; config: ModelConfig; settings: TrainSettings } | null = null;
  /** The last settings/reset/load request applied. */
  private seq = 0;
  private running = false;
  /** Bumped by every start, pause and reset: a loop whose token is stale stops at its next turn. */
  private loopToken = 0;
  /** The running loop, awaited before a reset disposes the model it is using. */
  private loopDone: Promise<void> = Promise.resolve();
  /** Training loops alive right now; the metrics carry it so tests can prove it never exceeds 1. */
  private activeLoops = 0;
  private idleLoopRunning = false;
  private lastCodes: { run: ModelRun; codes: TestCodes; at: number } | null = null;
  private queue: Promise<void> = Promise.resolve();
  readonly watch = new ContextWatch();
  private readonly analysis: AnalysisQueue;
  private readonly meter: ClassAccuracyMeter;

  constructor(private readonly host: SessionHost) {
    const post = (msg: FromWorker): void => this.host.post(this.run ? { ...msg, epoch: this.run.epoch } : msg);
    this.analysis = new AnalysisQueue(post, () => (this.data ? {
      images: this.data.mnist.test.images, labels: this.data.mnist.test.labels, heldOutX: this.data.host.x, heldOutLabels: this.data.host.labels,
    } : null), (owner) => owner === this.run);
    this.meter = new ClassAccuracyMeter(post, () => host.yieldToMessages(), () => this.run?.trainer ?? null);
  }

  /** Runs tasks one at a time, in order; a lost context frees the queue from a read that hangs. */
  enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      const work = task();
      const outcome = await Promise.race([work.then(() => 'done' as const), this.watch.signal]);
      if (outcome === 'lost') {
        work.catch(() => undefined);
        await this.recoverFromContextLoss();
      }
    }).catch((err: unknown) => this.fail(err));
    return this.queue;
  }

  receive(msg: ToWorker): Promise<void> {
    return this.enqueue(() => this.handle(msg));
  }

  /** The WebGL context died: a running loop recovers at its next turn, an idle session now. */
  contextLost(): void {
    this.watch.markLost();
    if (!this.running) void this.enqueue(() => this.recoverFromContextLoss());
  }

  /** The model the init asks for; it is built once the data is there (`begin`). */
  prepare(seq: number, config: ModelConfig, settings: TrainSettings): void {
    this.initial = { epoch: seq, config, settings };
    this.seq = seq;
  }

  get ready(): boolean {
    return this.data !== null;
  }

  async begin(mnist: Mnist, testCount: number): Promise<{ count: number }> {
    const test = toFloats(mnist.test, testCount);
    this.data = {
      mnist, host: test, xBinary: null,
      x: tf.tensor2d(test.x, [test.count, 784]), y: tf.tensor1d(test.labels, 'int32'),
    };
    const initial = this.initial;
    if (!initial) throw new Error('begin() before prepare()');
    this.run = await this.newRun(initial.epoch, initial.config, initial.settings);
    if (initial.config.conditional) this.meter.prepareClassifier(mnist);
    return { count: test.count };
  }

  /** After 'ready': the live values and the first picture of the model. */
  async announce(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.confirm();
    await this.postSnapshot(run);
    this.kickIdleAnalysis();
  }

  async handle(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'start': return this.start();
      case 'pause': return this.pause();
      case 'reset': return this.reset(msg.seq, msg.shape);
      case 'load': return this.load(msg.seq, msg.model);
      case 'settings': return this.updateSettings(msg.seq, msg.settings);
      case 'export': return this.exportModel(msg.requestId);
      case 'export-tensors': return this.exportTensors(msg.requestId, msg.headerRoom);
      case 'analyze': {
        const valid = msg.digit !== null && Number.isInteger(msg.digit) && msg.digit >= 0 && msg.digit < (this.data?.mnist.test.count ?? 0);
        this.analysis.digit = valid ? msg.digit : null;
        this.analysis.live = msg.live;
        this.kickIdleAnalysis();
        return;
      }
      default:
        return; // init, data retry and test hooks belong to the worker file
    }
  }

  private start(): void {
    const run = this.run;
    if (!run || this.running) return;
    this.running = true;
    this.loopToken += 1;
    this.emit(run, { type: 'running', running: true });
    this.loopDone = this.trainLoop(this.loopToken).catch((err: unknown) => this.fail(err));
  }

  private async stopLoop(): Promise<void> {
    this.running = false;
    this.loopToken += 1;
    await this.loopDone;
  }

  private async pause(): Promise<void> {
    if (!this.running) return;
    await this.stopLoop();
    const run = this.run;
    if (!run) return;
    this.emit(run, { type: 'running', running: false });
    await this.postSnapshot(run);
    await this.meter.measureNow(run.trainer);
    this.kickIdleAnalysis();
  }

  /** Live settings come from the worker's own state; the message brings only the new shape. */
  private async reset(seq: number, shape: Partial<ModelConfig>): Promise<void> {
    this.seq = seq;
    const current = this.run;
    if (!current || !this.data) {
      if (this.initial) this.initial = { ...this.initial, epoch: seq, config: { ...this.initial.config, ...shape } };
      return;
    }
    const config = { ...current.trainer.config, ...shape };
    await this.stopLoop();
    const run = await this.newRun(seq, config, current.settings);
    this.run = run;
    if (config.conditional) this.meter.prepareClassifier(this.data.mnist);
    this.emit(run, { type: 'reset-done', config: { ...config } });
    this.confirm();
    this.analysis.drop();
    await this.postSnapshot(run);
    this.emit(run, { type: 'running', running: false });
    await this.meter.measureNow(run.trainer);
    this.kickIdleAnalysis();
  }

  /**
   * The file's weights with the shape they need (latent and hidden size, kind); the
   * reader's training settings, loss and seed stay as they are, whatever the file was trained with.
   */
  private async load(seq: number, model: SavedModel): Promise<void> {
    const current = this.run;
    const keptEpoch = current?.epoch ?? this.initial?.epoch ?? 0;
    const refuse = (reason: string): void => {
      this.seq = seq;
      this.host.post({ type: 'load-failed', seq, keptEpoch, message: `Could not load the model: ${reason}. The current model is unchanged.` });
      this.confirm();
    };
    if (!current || !this.data) {
      refuse('the trainer is not running');
      return;
    }
    const live = current.trainer.config;
    const config: ModelConfig = { ...model.config, seed: live.seed };
    // Build and fill the new model first; the old one is disposed only once this worked.
    const trainer = new VaeTrainer(config, current.settings);
    try {
      trainer.importState({ params: model.params, m: model.optimizer?.m, v: model.optimizer?.v, momentSteps: model.optimizer?.momentSteps, step: model.step });
    } catch (err) {
      trainer.dispose();
      refuse((err as Error).message);
      return;
    }
    this.seq = seq;
    await this.stopLoop();
    const run = await this.newRun(seq, config, current.settings, trainer);
    this.run = run;
    this.emit(run, { type: 'running', running: false });
    if (config.conditional) this.meter.prepareClassifier(this.data.mnist);
    this.emit(run, { type: 'loaded', config: { ...config }, settings: { ...run.settings }, step: model.step, source: model.source });
    this.confirm();
    this.analysis.drop();
    await this.postSnapshot(run);
    await this.meter.measureNow(run.trainer);
    this.kickIdleAnalysis();
  }

  /** Training settings, loss choices included: each step reads them, so they switch mid-run. */
  private updateSettings(seq: number, settings: Partial<TrainSettings>): void {
    this.seq = seq;
    const run = this.run;
    if (!run) {
      if (this.initial) {
        this.initial = { ...this.initial, settings: { ...this.initial.settings, ...settings } };
      }
      return;
    }
    run.settings = { ...run.settings, ...settings };
    this.confirm();
  }

  /** A GPU read that hangs (lost context, stuck driver) is refused rather than awaited forever. */
  /** The running model's weights and Adam state, read within READ_DEADLINE_MS, or why they cannot be: both exports start here. */
  private async readRunState(): Promise<{ run: ModelRun; state: Awaited<ReturnType<VaeTrainer['exportState']>> } | { error: string }> {
    const run = this.run;
    if (!run) return { error: 'the trainer is not running' };
    try {
      return { run, state: await withDeadline(run.trainer.exportState(), 'reading the weights', READ_DEADLINE_MS, this.watch) };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }

  private async exportModel(requestId: number): Promise<void> {
    const read = await this.readRunState();
    if ('error' in read) {
      this.host.post({ type: 'exported', requestId, model: null, error: read.error });
      return;
    }
    const { run, state } = read;
    this.host.post({
      type: 'exported', requestId,
      model: {
        config: { ...run.trainer.config }, settings: { ...run.settings }, step: state.step,
        params: state.params, optimizer: { m: state.m, v: state.v, momentSteps: state.momentSteps },
        source: 'trained here', savedAt: new Date().toISOString(),
      },
    });
  }

  /** As exportModel, but checked and encoded here and transferred (an autosave's share of the work). */
  private async exportTensors(requestId: number, headerRoom: number): Promise<void> {
    const t0 = performance.now();
    const refuse = (error: string, nonFinite?: string): void => {
      this.host.post({ type: 'exported-tensors', requestId, weights: null, error, ...(nonFinite ? { nonFinite } : {}) });
    };
    const read = await this.readRunState();
    if ('error' in read) {
      refuse(read.error);
      return;
    }
    const { run, state } = read;
    let tensors;
    try {
      // A bad room (not a small whole number) only costs the page a copy: none is left then.
      const room = Number.isInteger(headerRoom) && headerRoom >= 0 && headerRoom <= MAX_HEADER_ROOM ? headerRoom : 0;
      tensors = encodeTensors({ config: run.trainer.config, params: state.params, optimizer: { m: state.m, v: state.v } }, 'float32', room);
    } catch (err) {
      refuse((err as Error).message, err instanceof NonFiniteWeightsError ? err.what : undefined);
      return;
    }
    this.host.post({
      type: 'exported-tensors', requestId,
      weights: {
        config: { ...run.trainer.config }, settings: { ...run.settings }, step: state.step, momentSteps: state.momentSteps,
        savedAt: new Date().toISOString(), tensors, workerMs: performance.now() - t0,
      },
    }, [tensors.bytes.buffer]);
  }

  /** What the worker now trains with, after every request up to `seq`. */
  private confirm(): void {
    const run = this.run;
    const config = run ? run.trainer.config : this.initial?.config;
    const settings = run ? run.settings : this.initial?.settings;
    if (!config || !settings) return;
    const msg: FromWorker = { type: 'live', seq: this.seq, config: { ...config }, settings: { ...settings } };
    this.host.post(run ? { ...msg, epoch: run.epoch } : msg);
  }

  /** Stops training and frees the model and test tensors (a test's teardown; a worker just ends). */
  async close(): Promise<void> {
    await this.stopLoop();
    this.analysis.drop();
    this.run?.trainer.dispose();
    this.run = null;
    if (this.data) {
      this.data.x.dispose();
      this.data.y.dispose();
      this.data.xBinary?.dispose();
    }
  }

  fail(err: unknown): void {
    this.running = false;
    this.loopToken += 1;
    this.host.post({ type: 'running', running: false });
    this.host.post({ type: 'error', fatal: true, message: err instanceof Error ? err.message : String(err) });
  }

  /** Posts a message about `run`, stamped with its epoch; nothing if another model replaced it. */
  private emit(run: ModelRun, msg: FromWorker): void {
    if (run !== this.run) return;
    this.host.post({ ...msg, epoch: run.epoch });
  }

  /** A new model whose starting weights are already its "last good" state for rollbacks. */
  private async newRun(epoch: number, config: ModelConfig, settings: TrainSettings, trainer?: VaeTrainer): Promise<ModelRun> {
    this.run?.trainer.dispose();
    this.run = null;
    const t = trainer ?? new VaeTrainer(config, settings);
    const run: ModelRun = { epoch, trainer: t, batcher: new Batcher(this.data!.mnist.train, config.seed), settings: { ...settings }, trainSeconds: 0, lastGood: null };
    run.lastGood = await t.exportState();
    return run;
  }

  /** Fresh codes when `fresh` or when they are older than CODES_EVERY_MS, else the last ones. */
  private async postSnapshot(run: ModelRun, fresh = true): Promise<void> {
    const data = this.data;
    if (!data) return;
    const last = this.lastCodes;
    const reuse = !fresh && last?.run === run && performance.now() - last.at < CODES_EVERY_MS ? last.codes : undefined;
    // The standard CVAE's encoder reads the label too: q(z | x, y).
    const snapshot = await run.trainer.snapshot(data.x, reuse, run.trainer.params.encLabelW ? data.y : null);
    if (snapshot.codes !== reuse) this.lastCodes = { run, codes: snapshot.codes, at: performance.now() };
    this.emit(run, { type: 'snapshot', snapshot });
  }

  private async evaluate(run: ModelRun): Promise<number> {
    const data = this.data!;
    const binarized = run.settings.pixels === 'binarized';
    if (binarized && !data.xBinary) {
      data.xBinary = tf.tensor2d(binarizeFixed(data.host.x.subarray(0, EVAL_DIGITS * 784)), [EVAL_DIGITS, 784]);
    }
    const x = binarized && data.xBinary ? data.xBinary : tf.slice(data.x, [0, 0], [EVAL_DIGITS, -1]) as tf.Tensor2D;
    const y = run.trainer.config.conditional ? tf.slice(data.y, [0], [EVAL_DIGITS]) as tf.Tensor1D : null;
    try {
      return await run.trainer.evaluateNelbo(x, y);
    } finally {
      if (x !== data.xBinary) x.dispose();
      y?.dispose();
    }
  }

  /** Analysis chunks back to back while not training, each after the queued messages. */
  private async idleAnalysis(): Promise<void> {
    if (this.idleLoopRunning) return;
    this.idleLoopRunning = true;
    try {
      while (!this.running && this.run) {
        const run = this.run;
        if (!(await this.analysis.runChunk(run, run.trainer, false))) break;
        await this.host.yieldToMessages();
      }
    } finally {
      this.idleLoopRunning = false;
    }
  }

  private kickIdleAnalysis(): void {
    void this.idleAnalysis().catch((err: unknown) => this.fail(err));
  }

  private async trainLoop(token: number): Promise<void> {
    this.activeLoops += 1;
    try {
      await this.runLoop(token);
    } finally {
      this.activeLoops -= 1;
    }
  }

  private async runLoop(token: number): Promise<void> {
    const run = this.run;
    if (!run) return;
    const clock: LoopClock = { lastSnapshot: performance.now(), window: [] };
    const current = (): boolean => this.running && token === this.loopToken && run === this.run;
    while (current()) {
      if (this.watch.lost) {
        await this.recoverFromContextLoss();
        return;
      }
      // A read from a lost WebGL context may never settle: race every step against the loss.
      const step = this.stepOnce(run, clock);
      step.catch(() => undefined);
      const outcome = await Promise.race([step, this.watch.signal]);
      if (outcome === 'lost') continue;
      if (outcome === 'stop') return;
      // At most one chunk of analysis (about a step's compute) between two training steps.
      if (current()) await this.analysis.runChunk(run, run.trainer, true);
      await this.host.yieldToMessages();
    }
  }

  /** One step with its metrics; 'stop' when this loop must end (reset, divergence). */
  private async stepOnce(run: ModelRun, clock: LoopClock): Promise<'continue' | 'stop'> {
    const t0 = performance.now();
    const batch = run.batcher.next(run.settings.batchSize);
    const readout = tf.tidy(() => {
      const x = tf.tensor2d(batch.x, [batch.size, 784]);
      const y = run.trainer.config.conditional ? tf.tensor1d(batch.labels, 'int32') : null;
      return run.trainer.trainStep(x, y, run.settings);
    });
    const values = await VaeTrainer.read(readout);
    readout.dispose();
    if (run !== this.run || this.watch.lost) return 'stop'; // replaced, or a dead context: numbers mean nothing
    const t1 = performance.now();
    run.trainSeconds += (t1 - t0) / 1000;
    const { window } = clock;
    window.push({ t: t1, samples: batch.size });
    while (window.length > 20) window.shift();
    const spanMs = window.at(-1)!.t - window[0]!.t;
    const samplesPerSec = window.length > 1
      ? (window.slice(1).reduce((a, w) => a + w.samples, 0) / spanMs) * 1000
      : batch.size / ((t1 - t0) / 1000);

    const step = run.trainer.step;
    if (hasDiverged(values)) {
      this.running = false;
      await this.recoverFromDivergence(run, step, values);
      return 'stop';
    }
    const metrics: StepMetrics = {
      step, epoch: run.batcher.epochProgress, seconds: run.trainSeconds, samplesPerSec,
      loss: values.loss, recon: values.recon, kl: values.kl, klPerDim: values.klPerDim, meanSigma: values.meanSigma,
      numTensors: tf.memory().numTensors,
      activeLoops: this.activeLoops,
    };
    if (step % EVAL_EVERY_STEPS === 0 || step === 1) metrics.testNelbo = await this.evaluate(run);
    this.emit(run, { type: 'metrics', metrics });
    if (step % (this.host.backend() === 'webgl' ? GOOD_STATE_EVERY_STEPS_WEBGL : GOOD_STATE_EVERY_STEPS) === 0) {
      // A finite loss can come from weights this step's update has just made NaN: never keep those.
      const state = await run.trainer.exportState();
      if (firstNonFinite(state) === null) run.lastGood = state;
    }
    if (performance.now() - clock.lastSnapshot > SNAPSHOT_EVERY_MS) {
      await this.postSnapshot(run, false);
      clock.lastSnapshot = performance.now();
    }
    await this.meter.whileTraining(run.trainer);
    return 'continue';
  }

  /**
   * The WebGL context is gone, and with it every tensor on the GPU. Move to wasm (or cpu),
   * rebuild the model from the last CPU copy of its weights, and carry on (training if it was).
   */
  private async recoverFromContextLoss(): Promise<void> {
    if (!this.watch.lost) return; // another caller already recovered
    this.watch.renew();
    const s = this.run;
    const data = this.data;
    if (!s || !data) return;
    const lostAt = s.trainer.step;
    const saved = s.lastGood;
    const next = await nextBackend((name) => this.host.trySet(name), 'webgl' as const);
    this.host.setBackend(next);
    // Tensors of the lost backend cannot be read or freed normally; drop our references.
    data.x = tf.tensor2d(data.host.x, [data.host.count, 784]);
    data.y = tf.tensor1d(data.host.labels, 'int32');
    data.xBinary = null; // it lived on the lost backend; evaluate() remakes it
    try {
      s.trainer.dispose();
    } catch {
      // Freeing textures of a lost context can throw; they are gone with it anyway.
    }
    const trainer = new VaeTrainer(s.trainer.config, s.settings);
    if (saved) trainer.importState(saved);
    const run: ModelRun = { ...s, trainer, lastGood: saved };
    this.run = run;
    this.analysis.drop();
    this.host.post({ type: 'backend', backend: next, backendNote: `WebGL context lost at step ${lostAt}; moved to ${next}` });
    this.host.post({ type: 'notice', message: contextLostNotice(lostAt, next, saved ? saved.step : null) });
    await this.postSnapshot(run);
    if (this.running) {
      this.loopToken += 1;
      this.loopDone = this.trainLoop(this.loopToken).catch((err: unknown) => this.fail(err));
    } else {
      this.kickIdleAnalysis();
    }
  }

  private async recoverFromDivergence(run: ModelRun, step: number, values: { loss: number; kl: number }): Promise<void> {
    const back = run.lastGood;
    if (back) run.trainer.importState(back);
    this.emit(run, { type: 'running', running: false });
    this.emit(run, { type: 'error', fatal: false, message: divergenceMessage(step, values, back ? back.step : null) });
    await this.postSnapshot(run);
    this.kickIdleAnalysis();
  }
}
