import { describe, expect, it } from 'vitest';
import { BETA_DETENT, BETA_LADDER, snapDraggedBeta, stepOnLadder } from '../../src/state/betaLadder';
import { BETA_MAX, URL_PROPS } from '../../src/state/urlSchema';

describe('beta ladder', () => {
  it('runs from the minimum to BETA_MAX through 1, ascending', () => {
    expect(BETA_LADDER[0]).toBe(URL_PROPS.klWeight.min);
    expect(BETA_LADDER.at(-1)).toBe(BETA_MAX);
    expect(BETA_LADDER).toContain(1);
    for (let i = 1; i < BETA_LADDER.length; i++) expect(BETA_LADDER[i]!).toBeGreaterThan(BETA_LADDER[i - 1]!);
  });

  it('steps to the next rung from on or off the ladder, and stops at the ends', () => {
    expect(stepOnLadder(0, 1)).toBe(0.1);
    expect(stepOnLadder(1, 1)).toBe(2);
    expect(stepOnLadder(1, -1)).toBe(0.5);
    expect(stepOnLadder(3.35, -1)).toBe(2);
    expect(stepOnLadder(3.35, 1)).toBe(5);
    expect(stepOnLadder(BETA_MAX, 1)).toBe(BETA_MAX);
    expect(stepOnLadder(0, -1)).toBe(0);
  });

  it('reaches 1 from 0 in four presses and from BETA_MAX in a handful', () => {
    const pressesTo = (from: number, dir: 1 | -1): number => {
      let b = from;
      let n = 0;
      while (b !== 1 && n < 100) { b = stepOnLadder(b, dir); n++; }
      return n;
    };
    expect(pressesTo(0, 1)).toBe(4);
    expect(pressesTo(BETA_MAX, -1)).toBeLessThanOrEqual(6);
  });

  it('snaps a drag near 1 to 1 and leaves other values alone', () => {
    expect(snapDraggedBeta(0.85)).toBe(BETA_DETENT.at);
    expect(snapDraggedBeta(1.4)).toBe(1);
    expect(snapDraggedBeta(0.5)).toBe(0.5);
    expect(snapDraggedBeta(2)).toBe(2);
  });
});
