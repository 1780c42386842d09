/**
 * Every setting that lives in the URL, with its default and bounds, in one table
 * (TensorFlow Playground's PROPS idea). Anything malformed, out of range or hostile falls back
 * to the default and is reported, so no URL can reach the model with a bad value.
 */
import { LANGUAGE_CODES, type LanguageCode } from '../i18n/languages';

/**
 * The top of beta's range, where collapse is certain and quick. Measured from the shipped
 * pretrained VAE (scripts/measure-collapse.mjs, tfjs wasm, lr 1e-2): beta 20 leaves the batch KL
 * at ~0.6 nats after 400 steps; beta 50 takes it under 0.1 nats in 12 steps, beta 100 in a few.
 */
export const BETA_MAX = 100;

// label: the setting's English name; the page shows the name from src/i18n/<language>.ts.
interface NumberProp { kind: 'number'; key: string; def: number; min: number; max: number; integer?: boolean; label: string }
interface EnumProp<V extends string> { kind: 'enum'; key: string; def: V; values: readonly V[]; label: string }

// Default learning rate 1e-2, not the usual 1e-3: measured on this model (Adam, batch 128,
// tfjs-wasm, held-out -ELBO on 1,000 test digits) it reaches 165 nats in ~38k training samples
// (3e-3: ~60k, 1e-3: ~90k) and 155 nats in ~300k (3e-3: > 380k), lower at every point we logged.
export const URL_PROPS = {
  backend: { kind: 'enum', key: 'backend', def: 'auto', values: ['auto', 'webgl', 'wasm', 'cpu'], label: 'backend' } as EnumProp<'auto' | 'webgl' | 'wasm' | 'cpu'>,
  latentDim: { kind: 'number', key: 'latent', def: 2, min: 2, max: 16, integer: true, label: 'latent size' } as NumberProp,
  hiddenDim: { kind: 'number', key: 'hidden', def: 512, min: 16, max: 1024, integer: true, label: 'hidden size' } as NumberProp,
  learningRate: { kind: 'number', key: 'lr', def: 1e-2, min: 1e-5, max: 1, label: 'learning rate' } as NumberProp,
  batchSize: { kind: 'number', key: 'batch', def: 128, min: 8, max: 1024, integer: true, label: 'batch size' } as NumberProp,
  klWeight: { kind: 'number', key: 'beta', def: 1, min: 0, max: BETA_MAX, label: 'beta' } as NumberProp,
  reconLoss: { kind: 'enum', key: 'recon', def: 'bce', values: ['bce', 'mse'], label: 'reconstruction loss' } as EnumProp<'bce' | 'mse'>,
  reconReduction: { kind: 'enum', key: 'reduce', def: 'sum', values: ['sum', 'mean'], label: 'pixel reduction' } as EnumProp<'sum' | 'mean'>,
  // Grey by default: it is what most tutorials train, and the bench's 165/155-nat marks are for grey.
  pixels: { kind: 'enum', key: 'pixels', def: 'grey', values: ['grey', 'binarized'], label: 'pixels' } as EnumProp<'grey' | 'binarized'>,
  seed: { kind: 'number', key: 'seed', def: 1, min: 0, max: 2 ** 31 - 1, integer: true, label: 'seed' } as NumberProp,
  // 0 = automatic (half the logical cores, at most 4). Pinning more trades page smoothness for speed.
  wasmThreads: { kind: 'number', key: 'threads', def: 0, min: 0, max: 8, integer: true, label: 'wasm threads' } as NumberProp,
  // 'auto' = the reader's last choice in this browser, else the browser's preferred languages (src/i18n/chooseLanguage.ts).
  lang: { kind: 'enum', key: 'lang', def: 'auto', values: ['auto', ...LANGUAGE_CODES], label: 'language' } as EnumProp<'auto' | LanguageCode>,
  // The reader's pick among the 10,000 MNIST test digits; -1 (the default, never valid in a URL) = none.
  digit: { kind: 'number', key: 'digit', def: -1, min: 0, max: 9999, integer: true, label: 'test digit' } as NumberProp,
} as const;

export type UrlSettingName = keyof typeof URL_PROPS;

/**
 * A rejected URL value, as data: the page words it in the reader's language (src/i18n, key
 * `urlNotice.<kind>`), and can word it again when the language changes. The URL keys themselves
 * are the same in every language.
 */
export interface UrlNotice {
  kind: 'badChoice' | 'badNumber' | 'badWholeNumber';
  setting: UrlSettingName;
  /** The URL key and the value as written (cut short, so a long payload cannot flood the page). */
  key: string;
  value: string;
  values?: string;
  min?: number;
  max?: number;
}

export type UrlSettings = {
  [K in keyof typeof URL_PROPS]: (typeof URL_PROPS)[K] extends EnumProp<infer V> ? V : number;
};

export function defaultSettings(): UrlSettings {
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(URL_PROPS)) out[name] = prop.def;
  return out as UrlSettings;
}

/** Reads settings from a query string; returns them with a notice per rejected value. */
export function parseSettings(search: string): { settings: UrlSettings; notices: UrlNotice[] } {
  const params = new URLSearchParams(search);
  const out: Record<string, unknown> = {};
  const notices: UrlNotice[] = [];
  for (const [name, prop] of Object.entries(URL_PROPS) as [UrlSettingName, (typeof URL_PROPS)[UrlSettingName]][]) {
    const raw = params.get(prop.key);
    out[name] = prop.def;
    if (raw === null) continue;
    const shown = raw.length > 24 ? `${raw.slice(0, 24)}…` : raw;
    if (prop.kind === 'enum') {
      if ((prop.values as readonly string[]).includes(raw)) out[name] = raw;
      else notices.push({ kind: 'badChoice', setting: name, key: prop.key, value: shown, values: prop.values.join(', ') });
      continue;
    }
    const value = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw.trim()) ? Number(raw) : NaN;
    const ok = Number.isFinite(value) && value >= prop.min && value <= prop.max && (!prop.integer || Number.isInteger(value));
    if (ok) out[name] = value;
    else notices.push({ kind: prop.integer ? 'badWholeNumber' : 'badNumber', setting: name, key: prop.key, value: shown, min: prop.min, max: prop.max });
  }
  return { settings: out as UrlSettings, notices };
}

/** Only non-default values go in the URL, so shared links stay short. */
export function serializeSettings(settings: UrlSettings): string {
  const params = new URLSearchParams();
  for (const [name, prop] of Object.entries(URL_PROPS)) {
    const v = (settings as Record<string, unknown>)[name];
    if (v !== prop.def) params.set(prop.key, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
