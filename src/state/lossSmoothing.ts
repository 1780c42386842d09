import type { StepMetrics } from '../shared/types';

/**
 * One batch's loss moves by several nats from step to step (164, 148, 161 in a row is normal
 * with 128 digits), so the panel reads the mean over the last LOSS_WINDOW_STEPS steps.
 */
export const LOSS_WINDOW_STEPS = 50;

/** Mean loss of the history points within the last `window` steps (ending at the newest point). */
export function trailingMeanLoss(history: readonly StepMetrics[], window = LOSS_WINDOW_STEPS): number | undefined {
  const last = history.at(-1);
  if (!last) return undefined;
  let sum = 0;
  let count = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i]!;
    if (m.step <= last.step - window || m.step > last.step) break;
    sum += m.loss;
    count += 1;
  }
  return count ? sum / count : undefined;
}
