import { describe, expect, it } from 'vitest';
import { trailingMeanLoss } from '../../src/state/lossSmoothing';
import type { StepMetrics } from '../../src/shared/types';

const point = (step: number, loss: number): StepMetrics => ({
  step, epoch: 0, seconds: step / 30, samplesPerSec: 0, loss, recon: loss, kl: 0, klPerDim: [], meanSigma: 1,
});

describe('trailingMeanLoss', () => {
  it('averages exactly the last 50 steps of a per-step history', () => {
    // Alternating 140/160 plus a slow trend: the mean of steps 51..100 is known in closed form.
    const history = Array.from({ length: 100 }, (_, i) => point(i + 1, (i % 2 ? 160 : 140) + 0.1 * (i + 1)));
    let expected = 0;
    for (let step = 51; step <= 100; step++) expected += (step % 2 === 0 ? 160 : 140) + 0.1 * step;
    expect(trailingMeanLoss(history)).toBeCloseTo(expected / 50, 10);
  });

  it('is the last value when points are sparser than the window (a loaded model\'s history)', () => {
    const history = [point(200, 170), point(400, 160), point(600, 150)];
    expect(trailingMeanLoss(history)).toBe(150);
  });

  it('uses what there is right after a reset, and nothing when empty', () => {
    expect(trailingMeanLoss([point(1, 500), point(2, 400)])).toBe(450);
    expect(trailingMeanLoss([])).toBeUndefined();
  });

  it('does not mix in a loaded file\'s old points after live steps restart the count', () => {
    const history = [point(9800, 150), point(10000, 149), point(10001, 148), point(10002, 152)];
    expect(trailingMeanLoss(history)).toBeCloseTo((148 + 152 + 149) / 3, 10);
  });
});
