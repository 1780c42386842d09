import { describe, expect, it } from 'vitest';
import { i18n } from '../../src/i18n';
import { LANGUAGE_CODES } from '../../src/i18n/languages';
import {
  PIXEL_MODES, RECON_LOSSES, RECON_REDUCTIONS, SETTINGS, TRAINING_SETTING_NAMES, defaultValues, isValid,
  type ChoiceSetting, type NumberSetting, type SettingName,
} from '../../src/settings/schema';

const entries = Object.entries(SETTINGS) as [SettingName, NumberSetting | ChoiceSetting][];

describe('the settings schema', () => {
  it('keeps URL keys unique and every default valid by its own bounds', () => {
    expect(new Set(entries.map(([, s]) => s.key)).size).toBe(entries.length);
    const defaults = defaultValues();
    // digit's default -1 means "none" and is never valid in a URL; every other default is.
    for (const [name] of entries) if (name !== 'digit') expect(isValid(name, defaults[name]), name).toBe(true);
  });

  it('rebuilds the model exactly for model settings; the training settings are the "training" scope', () => {
    for (const [name, s] of entries) expect(s.rebuilds, name).toBe(s.scope === 'model');
    expect([...TRAINING_SETTING_NAMES].sort()).toEqual(entries.filter(([, s]) => s.scope === 'training').map(([n]) => n).sort());
  });

  it('offers presets inside the bounds, the default among them', () => {
    for (const [name, s] of entries) {
      if (s.kind !== 'number' || !s.presets) continue;
      for (const v of s.presets) expect(isValid(name, v), `${name} ${v}`).toBe(true);
      expect(s.presets, name).toContain(s.def);
    }
  });

  it('takes the loss choices from the registries, keyed by name', () => {
    expect(SETTINGS.reconLoss.values).toEqual(Object.keys(RECON_LOSSES));
    expect(SETTINGS.reconReduction.values).toEqual(Object.keys(RECON_REDUCTIONS));
    expect(SETTINGS.pixels.values).toEqual(Object.keys(PIXEL_MODES));
  });

  it('names only i18n keys that exist in every language', () => {
    const keys = entries.flatMap(([, s]) => [s.label, s.control, s.hint, ...Object.values(s.kind === 'enum' ? s.optionLabels ?? {} : {})])
      .filter((k): k is string => typeof k === 'string');
    expect(keys.length).toBeGreaterThan(entries.length);
    for (const lng of LANGUAGE_CODES) for (const key of keys) expect(i18n.exists(key, { lng }), `${lng}: ${key}`).toBe(true);
  });
});
