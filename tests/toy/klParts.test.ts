import { describe, expect, it } from 'vitest';
import { klNumeric } from '../../src/toy/klDivergence';
import { klMeanPart, klParts, klVariancePart } from '../../src/toy/klParts';

describe('KL(N(mu, sigma^2) || N(0, 1)) split into a mean part and a variance part', () => {
  it('the two parts add up to the KL integrated numerically', () => {
    for (const mu of [-2.5, -0.3, 0, 1, 3]) {
      for (const sigma of [0.1, 0.5, 1, 1.7, 3]) {
        const numeric = klNumeric({ kind: 'normal', mean: mu, sd: sigma }, { kind: 'normal', mean: 0, sd: 1 });
        expect(klParts(mu, sigma).total).toBeCloseTo(numeric, 6);
      }
    }
  });

  it('each part is the KL with the other parameter at its prior value', () => {
    const prior = { kind: 'normal', mean: 0, sd: 1 } as const;
    expect(klMeanPart(1.4)).toBeCloseTo(klNumeric({ kind: 'normal', mean: 1.4, sd: 1 }, prior), 6);
    expect(klVariancePart(0.4)).toBeCloseTo(klNumeric({ kind: 'normal', mean: 0, sd: 0.4 }, prior), 6);
  });

  it('the variance part is never negative and is zero only at sigma = 1', () => {
    expect(klVariancePart(1)).toBe(0);
    for (let s = 0.05; s < 4; s += 0.05) if (Math.abs(s - 1) > 1e-9) expect(klVariancePart(s)).toBeGreaterThan(0);
  });
});
