import { BETA_MAX, SETTINGS } from '../settings/schema';

/**
 * The values the beta control's arrow keys walk: fine steps around 1, where the VAE lives, and
 * big ones toward collapse, so 0, 1 and the top are each a few key presses from anywhere. The
 * input's own value stays beta itself; only the keyboard's stride follows this ladder.
 */
export const BETA_LADDER: readonly number[] = [
  ...[0, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100].filter((b) => b >= SETTINGS.klWeight.min && b < BETA_MAX),
  BETA_MAX,
];

/** The next rung above (direction 1) or below (-1) the current beta, which need not be on the ladder. */
export function stepOnLadder(beta: number, direction: 1 | -1): number {
  if (direction > 0) return BETA_LADDER.find((b) => b > beta + 1e-9) ?? BETA_MAX;
  for (let i = BETA_LADDER.length - 1; i >= 0; i--) {
    const b = BETA_LADDER[i]!;
    if (b < beta - 1e-9) return b;
  }
  return SETTINGS.klWeight.min;
}

/**
 * A drag that ends near 1 lands on 1 (a detent): on a track to BETA_MAX one pixel is a large
 * part of a unit, and beta = 1 (the true VAE) is the value readers most want back.
 */
export const BETA_DETENT = { at: 1, below: 0.7, above: 1.5 } as const;

export function snapDraggedBeta(beta: number): number {
  return beta >= BETA_DETENT.below && beta <= BETA_DETENT.above ? BETA_DETENT.at : beta;
}
