/**
 * Settings in the URL. Which settings there are, their keys, defaults and bounds live in
 * src/settings/schema.ts; this module only reads a query string against that table. Anything
 * malformed, out of range, repeated or hostile falls back to the default and is reported, so no
 * URL can reach the model with a bad value.
 */
import { BETA_MAX, SETTINGS, defaultValues, isValid, type SettingName, type SettingValues } from '../settings/schema';

// Kept under their old names: other modules and branches import them from here.
export { BETA_MAX };
export const URL_PROPS = SETTINGS;
export type UrlSettingName = SettingName;

/**
 * A rejected URL value, as data: the page words it in the reader's language (src/i18n, key
 * `urlNotice.<kind>`), and can word it again when the language changes. The URL keys themselves
 * are the same in every language.
 */
export interface UrlNotice {
  kind: 'badChoice' | 'badNumber' | 'badWholeNumber' | 'repeated';
  setting: UrlSettingName;
  /** The URL key and the value as written (cut short, so a long payload cannot flood the page). */
  key: string;
  value: string;
  values?: string;
  /** 'repeated': how many times the key appears. */
  count?: number;
  min?: number;
  max?: number;
}

export type UrlSettings = SettingValues;

export function defaultSettings(): UrlSettings {
  return defaultValues();
}

/**
 * A deterministic automaton for the decimal numbers the URL takes ([-+] digits [. digits] [e [-+]
 * digits], or [-+] . digits ...): one transition per character, so the check is linear in the
 * input. The regex it replaces (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i) backtracked
 * quadratically: 50k digits and an "x" took 4.6 s in Node.
 */
type CharClass = 'digit' | 'sign' | 'dot' | 'exp';
type NumState = 'start' | 'sign' | 'int' | 'intDot' | 'leadDot' | 'frac' | 'exp' | 'expSign' | 'expInt';
const TRANSITIONS: Record<NumState, Partial<Record<CharClass, NumState>>> = {
  start: { digit: 'int', sign: 'sign', dot: 'leadDot' },
  sign: { digit: 'int', dot: 'leadDot' },
  int: { digit: 'int', dot: 'intDot', exp: 'exp' },
  intDot: { digit: 'frac', exp: 'exp' },
  leadDot: { digit: 'frac' },
  frac: { digit: 'frac', exp: 'exp' },
  exp: { digit: 'expInt', sign: 'expSign' },
  expSign: { digit: 'expInt' },
  expInt: { digit: 'expInt' },
};
const ACCEPTING: ReadonlySet<NumState> = new Set<NumState>(['int', 'intDot', 'frac', 'expInt']);

function charClass(c: string): CharClass | null {
  if (c >= '0' && c <= '9') return 'digit';
  if (c === '-' || c === '+') return 'sign';
  if (c === '.') return 'dot';
  if (c === 'e' || c === 'E') return 'exp';
  return null;
}

/** Whether `text` is a decimal number as the URL writes one; reads each character once. */
export function isDecimalText(text: string): boolean {
  let state: NumState = 'start';
  for (const c of text) {
    const cls = charClass(c);
    const next: NumState | undefined = cls ? TRANSITIONS[state][cls] : undefined;
    if (!next) return false;
    state = next;
  }
  return ACCEPTING.has(state);
}

/** Reads settings from a query string; returns them with a notice per rejected value. */
export function parseSettings(search: string): { settings: UrlSettings; notices: UrlNotice[] } {
  const params = new URLSearchParams(search);
  const out: Record<string, unknown> = defaultValues();
  const notices: UrlNotice[] = [];
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const prop = SETTINGS[name];
    const all = params.getAll(prop.key);
    if (all.length === 0) continue;
    const raw = all[0]!;
    const shown = raw.length > 24 ? `${raw.slice(0, 24)}…` : raw;
    // Two values for one key: which one the sender meant is a guess, so neither is taken.
    if (all.length > 1) {
      notices.push({ kind: 'repeated', setting: name, key: prop.key, value: shown, count: all.length });
      continue;
    }
    if (prop.kind === 'enum') {
      if (isValid(name, raw)) out[name] = raw;
      else notices.push({ kind: 'badChoice', setting: name, key: prop.key, value: shown, values: prop.values.join(', ') });
      continue;
    }
    const value = isDecimalText(raw.trim()) ? Number(raw) : NaN;
    if (isValid(name, value)) out[name] = value;
    else notices.push({ kind: prop.integer ? 'badWholeNumber' : 'badNumber', setting: name, key: prop.key, value: shown, min: prop.min, max: prop.max });
  }
  return { settings: out as UrlSettings, notices };
}

/** Only non-default values go in the URL, so shared links stay short. */
export function serializeSettings(settings: UrlSettings): string {
  const params = new URLSearchParams();
  for (const [name, prop] of Object.entries(SETTINGS)) {
    const v = (settings as Record<string, unknown>)[name];
    if (v !== prop.def) params.set(prop.key, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
