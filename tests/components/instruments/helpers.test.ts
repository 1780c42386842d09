import { describe, expect, it } from 'vitest';
import { centreOfMass, normalizeLikeMnist, stampBrush, strokeSegment } from '../../../src/components/instruments/brush';
import { lerpCodes, offsetCode } from '../../../src/components/instruments/decode';
import { latentToPad, padStep, padToLatent } from '../../../src/components/instruments/padMath';
import { classMean, firstOfEachClass, indicesByClass } from '../../../src/components/instruments/testDigits';

describe('brush', () => {
  it('a dab is soft, symmetric and capped at 1; dabs do not pile up', () => {
    const px = new Float32Array(784);
    stampBrush(px, 14, 14);
    expect(px[13 * 28 + 13]).toBe(1);
    expect(px[13 * 28 + 15]).toBeCloseTo(px[13 * 28 + 12]!, 6);
    expect(px[13 * 28 + 15]).toBeGreaterThan(0.3);
    expect(px[13 * 28 + 15]).toBeLessThan(0.9);
    const once = px.slice();
    stampBrush(px, 14, 14);
    expect(px).toEqual(once);
  });

  it('a fast stroke leaves no gaps', () => {
    const px = new Float32Array(784);
    strokeSegment(px, 3, 14, 25, 14);
    for (let x = 3; x < 25; x++) expect(px[13 * 28 + x]).toBeGreaterThan(0.9);
  });

  it('normalizes like MNIST: a big off-centre drawing is shrunk into 20 px and centred by mass', () => {
    const px = new Float32Array(784);
    strokeSegment(px, 4, 1, 4, 27); // tall line at the left edge
    const out = normalizeLikeMnist(px);
    const [cx, cy] = centreOfMass(out)!;
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    const rows = [...new Set(Array.from(out, (v, i) => (v > 0.05 ? Math.floor(i / 28) : -1)).filter((r) => r >= 0))];
    expect(rows.length).toBeLessThanOrEqual(21);
    expect(normalizeLikeMnist(new Float32Array(784)).every((v) => v === 0)).toBe(true);
  });
});

describe('pad geometry', () => {
  it('maps the square to [-3, 3]^2 with y up, round-trips, and clamps', () => {
    expect(padToLatent(0, 0, 200, 3)).toEqual([-3, 3]);
    expect(padToLatent(100, 100, 200, 3)).toEqual([0, 0]);
    expect(padToLatent(500, -50, 200, 3)).toEqual([3, 3]);
    const [px, py] = latentToPad(1.2, -0.7, 200, 3);
    expect(padToLatent(px, py, 200, 3)).toEqual([1.2, -0.7]);
  });
  it('arrow keys step 0.1 (Shift 0.5) within range; Home centres; other keys are ignored', () => {
    expect(padStep('ArrowRight', false, [0, 0], 3)).toEqual([0.1, 0]);
    expect(padStep('ArrowDown', true, [0, 0], 3)).toEqual([0, -0.5]);
    expect(padStep('ArrowUp', true, [0, 2.9], 3)).toEqual([0, 3]);
    expect(padStep('Home', false, [1, 2], 3)).toEqual([0, 0]);
    expect(padStep('a', false, [1, 2], 3)).toBeNull();
  });
});

describe('codes and test digits', () => {
  it('lerpCodes includes both endpoints at equal steps', () => {
    const path = lerpCodes([0, 2], [1, -2], 5);
    expect(path).toHaveLength(5);
    expect(Array.from(path[0]!)).toEqual([0, 2]);
    expect(Array.from(path[2]!)).toEqual([0.5, 0]);
    expect(Array.from(path[4]!)).toEqual([1, -2]);
  });
  it('offsetCode adds the class mean; classMean picks row y', () => {
    const means = Float32Array.from({ length: 20 }, (_, i) => i);
    expect(Array.from(classMean(means, 3)!)).toEqual([6, 7]);
    expect(classMean(null, 3)).toBeNull();
    expect(Array.from(offsetCode([0.5, -1], classMean(means, 3), 2))).toEqual([6.5, 6]);
    expect(Array.from(offsetCode([0.5], null, 2))).toEqual([0.5, 0]);
  });
  it('indicesByClass cycles through the classes; firstOfEachClass marks missing ones', () => {
    const labels = [3, 1, 0, 1, 2, 0, 3, 2, 9];
    expect(indicesByClass(labels, 4)).toEqual([2, 1, 4, 0]);
    expect(indicesByClass(labels, 12)).toEqual([2, 1, 4, 0, 8, 5, 3, 7, 6]);
    expect(firstOfEachClass(labels)).toEqual([2, 1, 4, 0, -1, -1, -1, -1, -1, 8]);
  });
});
