import { describe, expect, it } from 'vitest';
import { BETA_MAX, defaultSettings, parseSettings, serializeSettings } from '../../src/state/urlSchema';

describe('URL settings', () => {
  it('reads valid values and round-trips them', () => {
    const { settings, notices } = parseSettings('?beta=4.5&latent=8&lr=0.003&batch=64&recon=mse&reduce=mean&backend=wasm');
    expect(notices).toEqual([]);
    expect(settings).toMatchObject({ klWeight: 4.5, latentDim: 8, learningRate: 0.003, batchSize: 64, reconLoss: 'mse', reconReduction: 'mean', backend: 'wasm' });
    expect(parseSettings(serializeSettings(settings)).settings).toEqual(settings);
  });

  it('falls back to defaults with a notice for malformed, out-of-range or hostile values', () => {
    const hostile = [
      'beta=NaN', 'beta=Infinity', 'lr=1e308', 'batch=-5', 'latent=2.5', 'latent=0x10',
      'hidden=<script>alert(1)</script>', 'backend=javascript:alert(1)', 'beta=', 'seed=1e400',
    ];
    for (const h of hostile) {
      const { settings, notices } = parseSettings(`?${h}`);
      expect(settings, h).toEqual(defaultSettings());
      expect(notices.length, h).toBe(1);
    }
    expect(parseSettings('?beta=NaN').notices[0]).toMatch(/Ignored beta=NaN: beta must be a number from 0 to 100/);
    // The echoed value is cut short, so a long payload cannot flood the page.
    expect(parseSettings(`?hidden=${'9'.repeat(500)}`).notices[0]!.length).toBeLessThan(120);
  });

  it('leaves defaults out of the URL', () => {
    expect(serializeSettings(defaultSettings())).toBe('');
  });

  it('reads the pixel setting (grey by default) and beta up to BETA_MAX', () => {
    expect(defaultSettings().pixels).toBe('grey');
    expect(parseSettings('?pixels=binarized').settings.pixels).toBe('binarized');
    expect(parseSettings('?pixels=sepia').notices[0]).toMatch(/pixels must be one of grey, binarized/);
    expect(serializeSettings({ ...defaultSettings(), pixels: 'binarized' })).toBe('?pixels=binarized');
    expect(parseSettings(`?beta=${BETA_MAX}`).settings.klWeight).toBe(BETA_MAX);
    expect(parseSettings(`?beta=${BETA_MAX + 1}`).notices).toHaveLength(1);
  });
});
