// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { drawLatentPoints, type PointContext } from '../../src/plots/latentPoints';

function recorder() {
  const log: string[] = [];
  const ctx = {
    fillStyle: '' as unknown,
    globalAlpha: 1,
    setTransform: (a: number) => log.push(`transform ${a}`),
    clearRect: (_x: number, _y: number, w: number, h: number) => log.push(`clear ${w}x${h}`),
    beginPath: () => log.push(`begin ${String(ctx.fillStyle)}`),
    moveTo: () => undefined,
    arc: (x: number, y: number, r: number) => log.push(`arc ${x} ${y} ${r}`),
    fill: () => log.push(`fill alpha=${ctx.globalAlpha}`),
  };
  return { ctx, log };
}

describe('drawLatentPoints', () => {
  it('fills one path per digit colour and skips NaN positions', () => {
    const { ctx, log } = recorder();
    const xy = Float32Array.from([1, 2, 3, 4, NaN, 5, 7, 8]);
    const labels = Uint8Array.from([3, 0, 3, 3]);
    const drawn = drawLatentPoints(ctx as unknown as PointContext, xy, labels, { radiusPx: 2, opacity: 0.5, pixelRatio: 2, widthPx: 100, heightPx: 90 });
    expect(drawn).toBe(3);
    expect(log).toEqual([
      'transform 2',
      'clear 100x90',
      'begin #1f77b4',
      'arc 3 4 2',
      'fill alpha=0.5',
      'begin #d62728',
      'arc 1 2 2',
      'arc 7 8 2',
      'fill alpha=0.5',
    ]);
    expect(ctx.globalAlpha).toBe(1);
  });
});
