import type { TFunction } from 'i18next';
import { settingLabel } from './settingLabels';
import type { UrlNotice } from '../state/urlSchema';

/** A rejected URL value in words, in the language `t` speaks; plain-text notices pass through. */
export function noticeText(t: TFunction, notice: string | UrlNotice): string {
  if (typeof notice === 'string') return notice;
  const { kind, setting, key, value, values = '', min = 0, max = 0, count = 0 } = notice;
  return t(`urlNotice.${kind}`, { key, value, values, min, max, count, label: settingLabel(t, setting) });
}
