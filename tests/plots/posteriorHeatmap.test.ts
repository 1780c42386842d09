// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PosteriorAnalysis } from '../../src/shared/types';
import { massThresholds, PosteriorHeatmap } from '../../src/plots/posteriorHeatmap';
import { stubCanvasContext } from './stubCanvas';

/** A raster of log N(z; 0, s^2 I) on [-1, 1]^2: its mass regions are discs of known radius. */
function gaussianRaster(side: number, s: number): Float32Array {
  const out = new Float32Array(side * side);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const x = -1 + (2 * (c + 0.5)) / side;
      const y = -1 + (2 * (r + 0.5)) / side;
      out[r * side + c] = -Math.log(2 * Math.PI * s * s) - (x * x + y * y) / (2 * s * s);
    }
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('posterior heat map', () => {
  it('mass thresholds match the Gaussian highest-density regions', () => {
    const s = 0.2;
    const t = massThresholds(gaussianRaster(200, s));
    // The HPD region holding mass m of a 2-D standard normal has radius s sqrt(-2 ln(1 - m)), where the density is (1 - m) / (2 pi s^2).
    [0.5, 0.9, 0.99].forEach((m, k) => expect(t[k]! / ((1 - m) / (2 * Math.PI * s * s))).toBeCloseTo(1, 1));
  });

  it('draws the contours and both ellipses in the raster window', () => {
    stubCanvasContext(null);
    const root = document.createElement('div');
    document.body.appendChild(root);
    const plot = new PosteriorHeatmap(root);
    plot.resize(300);
    const a = {
      heat: { lo: [-1, -1], hi: [1, 1], side: 60, logDensity: gaussianRaster(60, 0.2) },
      q: { mu: [0.1, 0], logVar: [Math.log(0.01), Math.log(0.04)] },
      best: { mu: [0, 0], logVar: [Math.log(0.04), Math.log(0.04)] },
    } as unknown as PosteriorAnalysis;
    plot.update(a);
    expect(root.querySelectorAll('[data-role="mass-contours"] path').length).toBe(3);
    const q = root.querySelectorAll('[data-role="ellipse-q"] ellipse');
    expect(q.length).toBe(2);
    // 1 sigma of q on x: 0.1 units of a 2-unit window 300 px wide.
    expect(Number(q[0]!.getAttribute('rx'))).toBeCloseTo(15, 5);
    expect(Number(q[0]!.getAttribute('cx'))).toBeCloseTo(165, 5);
    expect(root.querySelectorAll('[data-role="ellipse-best"] ellipse').length).toBe(1);
    plot.destroy();
    expect(root.querySelector('svg')).toBeNull();
  });
});
