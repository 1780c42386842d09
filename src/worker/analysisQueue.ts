import { heldOutLikelihood } from '../model/heldOut';
import { analyzeDigit, type LatentModel } from '../model/posterior';
import type { VaeTrainer } from '../model/trainer';
import { PIXELS, type HeldOutLikelihood, type PosteriorAnalysis } from '../shared/types';
import type { FromWorker } from './protocol';

/** While training, a digit's picture is redone at most this often (it costs ~30 chunks). */
export const POSTERIOR_EVERY_MS = 1500;

interface Job<T> {
  gen: AsyncGenerator<void, T>;
  owner: object;
  step: number;
  digit: number;
}

/** The test digits the analyses read: all 10,000 as bytes, the first 1,000+ as floats. */
export interface AnalysisData {
  images: Uint8Array;
  labels: Uint8Array;
  heldOutX: Float32Array;
  heldOutLabels: ArrayLike<number>;
}

/**
 * The true-posterior picture for the reader's digit and the held-out log-likelihood, run one
 * chunk (about one training step of compute) at a time: after every training step while
 * training, back to back (between messages) while idle. Each job analyses a host copy of the
 * weights taken when it starts, so its numbers belong to one model even if training moves on.
 * `owner` is the worker's session: a reset or a loaded model drops the jobs of the old one.
 */
export class AnalysisQueue {
  /** Test digit (0-9,999) whose posterior the page shows, or null for none. */
  digit: number | null = null;
  /** The ELBO page is open: keep the held-out estimate fresh while training too. */
  live = false;
  private posterior: Job<PosteriorAnalysis> | null = null;
  private heldOut: Job<HeldOutLikelihood> | null = null;
  private donePosterior = { owner: null as object | null, step: -1, digit: -1, at: -Infinity };
  private doneHeldOut = { owner: null as object | null, step: -1 };
  private chain: Promise<boolean> = Promise.resolve(false);

  constructor(
    private readonly post: (msg: FromWorker) => void,
    private readonly data: () => AnalysisData | null,
    /** False once a reset or load replaced this owner: its trainer may be disposed mid-chunk. */
    private readonly isCurrent: (owner: object) => boolean,
  ) {}

  /** One chunk of pending work, serialized (the training and idle loops may both ask). */
  runChunk(owner: object, trainer: VaeTrainer, training: boolean): Promise<boolean> {
    this.chain = this.chain.then(() => this.chunk(owner, trainer, training)).catch((err: unknown) => {
      this.drop();
      if (this.isCurrent(owner)) this.post({ type: 'notice', message: `The posterior analysis stopped: ${err instanceof Error ? err.message : String(err)}` });
      return false;
    });
    return this.chain;
  }

  /** Forget running jobs (a reset, a loaded model, a new digit). */
  drop(): void {
    void this.posterior?.gen.return(undefined as never);
    void this.heldOut?.gen.return(undefined as never);
    this.posterior = null;
    this.heldOut = null;
  }

  private async chunk(owner: object, trainer: VaeTrainer, training: boolean): Promise<boolean> {
    const data = this.data();
    if (!data) return false;
    if (this.posterior && (this.posterior.owner !== owner || this.posterior.digit !== this.digit)) {
      void this.posterior.gen.return(undefined as never);
      this.posterior = null;
    }
    if (this.heldOut && this.heldOut.owner !== owner) {
      void this.heldOut.gen.return(undefined as never);
      this.heldOut = null;
    }
    const step = trainer.step;
    const d = this.donePosterior;
    const wantPosterior = this.digit !== null && trainer.config.latentDim === 2
      && (d.owner !== owner || d.digit !== this.digit || (d.step !== step && (!training || performance.now() - d.at > POSTERIOR_EVERY_MS)));
    if (!this.posterior && wantPosterior && this.digit !== null) {
      const digit = this.digit;
      const pixels = Float32Array.from(data.images.subarray(digit * PIXELS, (digit + 1) * PIXELS), (v) => v / 255);
      const model = await hostModel(trainer);
      this.posterior = { gen: analyzeDigit(model, pixels, digit, data.labels[digit] ?? 0), owner, step: model.step, digit };
    }
    if (this.posterior) {
      const job = this.posterior;
      const r = await job.gen.next();
      if (r.done && this.posterior === job) {
        this.posterior = null;
        this.donePosterior = { owner, step: job.step, digit: job.digit, at: performance.now() };
        this.post({ type: 'posterior', analysis: r.value });
      }
      return true;
    }
    const h = this.doneHeldOut;
    // With the ELBO page open: always. Elsewhere: only while paused on a trained or loaded model,
    // so a fresh page load does not spend ~30 s of a core on an untrained model nobody asked about.
    const wantHeldOut = (this.live || (!training && step > 0)) && (h.owner !== owner || h.step !== step);
    if (!this.heldOut && wantHeldOut) {
      const model = await hostModel(trainer);
      const gen = heldOutLikelihood(model, data.heldOutX, data.heldOutLabels, (partial) => this.post({ type: 'held-out', result: partial }),
        (digits, of) => this.post({ type: 'held-out-progress', step: model.step, digits, of }));
      this.heldOut = { gen, owner, step: model.step, digit: -1 };
    }
    if (this.heldOut) {
      const job = this.heldOut;
      const r = await job.gen.next();
      if (r.done && this.heldOut === job) {
        this.heldOut = null;
        this.doneHeldOut = { owner, step: job.step };
        this.post({ type: 'held-out', result: r.value });
      }
      return true;
    }
    return false;
  }
}

/** A host copy of the weights: jobs never touch the live variables between chunks. */
async function hostModel(trainer: VaeTrainer): Promise<LatentModel> {
  const classMeans = trainer.params.classMeans;
  return {
    step: trainer.step,
    config: { ...trainer.config },
    decoder: await trainer.decoderWeights(),
    encoder: await trainer.encoderWeights(),
    classMeans: classMeans ? Float32Array.from(await classMeans.data()) : null,
  };
}
