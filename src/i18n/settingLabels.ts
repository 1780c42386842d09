import type { TFunction } from 'i18next';
import { SETTINGS, type SettingName } from '../settings/schema';

/**
 * The words for a label key of the settings schema. The schema stays free of i18n, so its keys
 * are plain strings; tests/settings/schema.test.ts checks that every one resolves in every language.
 */
export function labelText(t: TFunction, key: string): string {
  return t(key as 'setting.backend');
}

export function settingLabel(t: TFunction, name: SettingName): string {
  return labelText(t, SETTINGS[name].label);
}
