import { describe, expect, it } from 'vitest';
import { lossUnits } from '../../src/shared/lossUnits';

describe('loss units', () => {
  it('says nats only for summed cross-entropy', () => {
    expect(lossUnits('bce', 'sum')).toMatchObject({ recon: 'nats', loss: 'nats' });
  });

  it('says per pixel under the pixel-mean bug', () => {
    const u = lossUnits('bce', 'mean');
    expect(u.recon).toBe('nats/pixel');
    expect(u.loss).not.toMatch(/nats/);
  });

  it('never calls squared error nats', () => {
    for (const reduction of ['sum', 'mean'] as const) {
      const u = lossUnits('mse', reduction);
      expect(u.recon).not.toMatch(/nats/);
      expect(u.loss).not.toMatch(/nats/);
      expect(u.axis).toMatch(/KL in nats/);
    }
    expect(lossUnits('mse', 'mean').recon).toMatch(/pixel/);
  });
});
