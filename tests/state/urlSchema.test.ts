import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettings, serializeSettings } from '../../src/state/urlSchema';

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
    expect(parseSettings('?beta=NaN').notices[0]).toMatch(/Ignored beta=NaN: beta must be a number from 0 to 20/);
    // The echoed value is cut short, so a long payload cannot flood the page.
    expect(parseSettings(`?hidden=${'9'.repeat(500)}`).notices[0]!.length).toBeLessThan(120);
  });

  it('leaves defaults out of the URL', () => {
    expect(serializeSettings(defaultSettings())).toBe('');
  });
});

describe('?digit', () => {
  it('picks a test digit 0-9,999 and rejects anything else with a notice', () => {
    expect(parseSettings('?digit=42').settings.digit).toBe(42);
    expect(parseSettings('?digit=9999').settings.digit).toBe(9999);
    expect(parseSettings('').settings.digit).toBe(-1);
    for (const bad of ['-1', '10000', '3.5', 'seven', '']) {
      const { settings, notices } = parseSettings(`?digit=${bad}`);
      expect(settings.digit, bad).toBe(-1);
      expect(notices[0], bad).toMatch(/Ignored digit=.*test digit must be a whole number from 0 to 9999/);
    }
    expect(serializeSettings({ ...defaultSettings(), digit: 7 })).toBe('?digit=7');
  });
});
