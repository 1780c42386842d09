/**
 * What the training session does when something under it fails: a read that never comes back,
 * a lost WebGL context, a run that diverged. No tfjs here, so the rules are testable on their own.
 */

/** A GPU read outside the training loop (export, snapshot) is given this long, then refused. */
export const READ_DEADLINE_MS = 15_000;

export class DeadlineError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${Math.round(ms / 1000)} s`);
    this.name = 'DeadlineError';
  }
}

export class ContextLostError extends Error {
  constructor(what: string) {
    super(`${what} was cut off: the WebGL context was lost`);
    this.name = 'ContextLostError';
  }
}

/**
 * The WebGL context's fate. `signal` settles with 'lost' when the context dies and never
 * otherwise; after a recovery `renew()` gives a fresh one for the new backend.
 */
export class ContextWatch {
  lost = false;
  private resolveLost: () => void = () => undefined;
  signal: Promise<'lost'> = this.fresh();

  private fresh(): Promise<'lost'> {
    return new Promise<'lost'>((resolve) => {
      this.resolveLost = () => resolve('lost');
    });
  }

  markLost(): void {
    this.lost = true;
    this.resolveLost();
  }

  renew(): void {
    this.lost = false;
    this.signal = this.fresh();
  }
}

/**
 * `work`, or a rejection once the context is lost or `ms` have passed: a read from a dead GPU
 * may never settle, and a request that never settles leaves the page waiting forever.
 */
export function withDeadline<T>(work: Promise<T>, what: string, ms: number, watch?: ContextWatch): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
  });
  const lost = watch
    ? watch.signal.then((): never => { throw new ContextLostError(what); })
    : new Promise<never>(() => undefined);
  work.catch(() => undefined); // a late failure of abandoned work is not an unhandled rejection
  return Promise.race([work, deadline, lost]).finally(() => clearTimeout(timer));
}

/** Past this many nats per digit float32 is about to overflow: the run has blown up. */
export const DIVERGED_NATS = 1e6;

export function hasDiverged(values: { loss: number; recon: number; kl: number }): boolean {
  return [values.loss, values.recon, values.kl].some((v) => !Number.isFinite(v) || Math.abs(v) > DIVERGED_NATS);
}

/** The worded divergence error (src/i18n/panelMessages.ts matches this sentence). */
export function divergenceMessage(step: number, values: { loss: number; kl: number }, restoredStep: number | null): string {
  const what = Number.isFinite(values.loss) && Number.isFinite(values.kl)
    ? `the numbers blew up (KL ${values.kl.toExponential(1)} nats), heading for overflow`
    : 'the loss became NaN or infinite';
  return `Training diverged at step ${step}: ${what}. `
    + (restoredStep !== null ? `Restored the weights from step ${restoredStep}. ` : 'No earlier weights to restore; press reset. ')
    + 'Lower the learning rate, or raise beta if it is 0 with squared error, then press start.';
}

/** The worded context-loss notice (src/i18n/panelMessages.ts matches this sentence). */
export function contextLostNotice(lostAt: number, next: string, restoredStep: number | null): string {
  return `The WebGL context was lost at step ${lostAt}. Training moved to ${next} and goes on from `
    + (restoredStep !== null ? `the weights of step ${restoredStep}.` : 'new weights (none had been saved yet).');
}

/** After a lost context: wasm, else cpu, else webgl again (a new context may come back). */
export async function nextBackend<B extends string>(trySet: (name: 'wasm' | 'cpu') => Promise<boolean>, fallback: B): Promise<'wasm' | 'cpu' | B> {
  if (await trySet('wasm')) return 'wasm';
  if (await trySet('cpu')) return 'cpu';
  return fallback;
}
