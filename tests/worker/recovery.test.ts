import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ContextLostError, ContextWatch, DeadlineError, divergenceMessage, hasDiverged, nextBackend, withDeadline,
} from '../../src/worker/recovery';

describe('withDeadline: a read that never settles is refused', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('rejects at the deadline, not before', async () => {
    const never = new Promise<number>(() => undefined);
    let outcome: unknown = 'pending';
    withDeadline(never, 'reading the weights', 15000).then((v) => { outcome = v; }, (e: unknown) => { outcome = e; });
    await vi.advanceTimersByTimeAsync(14999);
    expect(outcome).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBeInstanceOf(DeadlineError);
    expect((outcome as Error).message).toBe('reading the weights did not finish within 15 s');
  });

  it('rejects at once when the context is lost, and passes a value that comes in time', async () => {
    const watch = new ContextWatch();
    const lost = withDeadline(new Promise(() => undefined), 'reading the weights', 15000, watch);
    watch.markLost();
    await expect(lost).rejects.toBeInstanceOf(ContextLostError);
    watch.renew();
    expect(watch.lost).toBe(false);
    await expect(withDeadline(Promise.resolve(7), 'x', 15000, watch)).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0); // its timer is cleared, not left to fire
  });
});

describe('divergence and backend rules', () => {
  it('calls a run diverged when any of loss, recon, KL is not finite or past 1e6 nats', () => {
    expect(hasDiverged({ loss: 150, recon: 140, kl: 10 })).toBe(false);
    expect(hasDiverged({ loss: NaN, recon: 140, kl: 10 })).toBe(true);
    expect(hasDiverged({ loss: 150, recon: 140, kl: 2e6 })).toBe(true);
    expect(hasDiverged({ loss: 150, recon: -Infinity, kl: 10 })).toBe(true);
    expect(divergenceMessage(40, { loss: 3e14, kl: 3e14 }, 20)).toMatch(/^Training diverged at step 40: the numbers blew up \(KL 3\.0e\+14 nats\).*Restored the weights from step 20\./);
  });

  it('moves to wasm, else cpu, else stays on what is left', async () => {
    const tried: string[] = [];
    const only = (ok: string[]) => (name: 'wasm' | 'cpu') => { tried.push(name); return Promise.resolve(ok.includes(name)); };
    expect(await nextBackend(only(['wasm', 'cpu']), 'webgl')).toBe('wasm');
    expect(await nextBackend(only(['cpu']), 'webgl')).toBe('cpu');
    expect(await nextBackend(only([]), 'webgl')).toBe('webgl');
    expect(tried).toEqual(['wasm', 'wasm', 'cpu', 'wasm', 'cpu']);
  });
});
