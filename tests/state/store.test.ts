import { describe, expect, it, vi } from 'vitest';
import { createStore } from '../../src/state/store';
import { appendHistory } from '../../src/state/labState';

const HISTORY_LIMIT = 1000;

describe('store', () => {
  it('replaces state on change and notifies until unsubscribed', () => {
    const s = createStore({ a: 1, b: 2 });
    const first = s.getState();
    const listener = vi.fn();
    const off = s.subscribe(listener);
    s.setState({ a: 5 });
    s.setState((st) => ({ b: st.a + 1 }));
    expect(s.getState()).toEqual({ a: 5, b: 6 });
    expect(s.getState()).not.toBe(first);
    expect(listener).toHaveBeenCalledTimes(2);
    off();
    s.setState({ a: 0 });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('keeps metric history bounded and keeps every held-out evaluation', () => {
    let h: Parameters<typeof appendHistory>[0] = [];
    for (let step = 1; step <= HISTORY_LIMIT + 10; step++) {
      h = appendHistory(h, { step, epoch: 0, seconds: step, samplesPerSec: 1, loss: 1, recon: 1, kl: 0, klPerDim: [], meanSigma: 1, testNelbo: step % 50 === 0 ? 100 : undefined }, HISTORY_LIMIT);
    }
    expect(h.length).toBeLessThanOrEqual(HISTORY_LIMIT);
    expect(h.at(-1)!.step).toBe(HISTORY_LIMIT + 10);
    expect(h.filter((p) => p.testNelbo !== undefined).length).toBe(Math.floor((HISTORY_LIMIT + 10) / 50));
  });
});
