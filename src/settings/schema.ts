/**
 * The one place that names each setting: its bounds, default, URL key, label, and whether a
 * change rebuilds the model. The URL parser, the model-file reader and writer, the training
 * panel and the worker all read this table, so a bound or a default is never written twice.
 * No React, no tfjs, no i18n: labels are i18n keys that the page resolves.
 */
import { LANGUAGE_CODES, type LanguageCode } from '../i18n/languages';

/**
 * Where a setting lives. 'model': fixed for the life of a model's weights (changing it means new
 * weights); 'training': read by every step, so it can change mid-run; 'page': never reaches the model.
 */
export type SettingScope = 'model' | 'training' | 'page';

interface SettingBase {
  /** The query-string key: a contract, since shared links carry it. */
  key: string;
  /** i18n key of the setting's name, as notices show it. */
  label: string;
  /** i18n keys of the training panel's label and tooltip, for the settings it offers. */
  control?: string;
  hint?: string;
  scope: SettingScope;
  /** A change discards the weights (only 'model' settings do). */
  rebuilds: boolean;
}

export interface NumberSetting extends SettingBase {
  kind: 'number';
  def: number;
  min: number;
  max: number;
  integer: boolean;
  /** The values a select offers; the current value is added when it is not among them. */
  presets?: readonly number[];
}

export interface ChoiceSetting<V extends string = string> extends SettingBase {
  kind: 'enum';
  def: V;
  values: readonly V[];
  /** i18n key of each value's name, for a select. */
  optionLabels?: Readonly<Record<V, string>>;
}

/**
 * The reconstruction losses, keyed by name. Adding one: an entry here, its per-pixel formula in
 * src/model/losses.ts (the compiler asks for it) and its label in the i18n strings.
 * `units`: the reconstruction term's unit id (src/shared/lossUnits.ts) under each reduction.
 */
export const RECON_LOSSES = {
  bce: { label: 'panel.control.bce', units: { sum: 'nats', mean: 'natsPerPixel' }, notes: { sum: 'natsPerDigit', mean: 'bceMean' } },
  mse: { label: 'panel.control.mse', units: { sum: 'sqError', mean: 'sqErrorPerPixel' }, notes: { sum: 'mseSum', mean: 'mseMean' } },
} as const;
/** How the per-pixel loss is pooled: 'sum' is correct; 'mean' reproduces the classic bug that lets KL win. */
export const RECON_REDUCTIONS = {
  sum: { label: 'panel.control.sum' },
  mean: { label: 'panel.control.mean' },
} as const;
/**
 * 'grey': grey levels in [0, 1] fed to the cross-entropy as they are (most tutorials; not the
 * log-likelihood of a normalized distribution over images). 'binarized': each training pixel is a
 * fresh Bernoulli draw with its grey level as probability, every step, and the test digits are
 * binarized once with a fixed seed, so the loss is a true Bernoulli negative log-likelihood.
 */
export const PIXEL_MODES = {
  grey: { label: 'panel.control.grey' },
  binarized: { label: 'panel.control.binarized' },
} as const;

export type ReconLoss = keyof typeof RECON_LOSSES;
export type ReconReduction = keyof typeof RECON_REDUCTIONS;
export type PixelMode = keyof typeof PIXEL_MODES;

function choicesOf<V extends string>(registry: Readonly<Record<V, { label: string }>>): { values: readonly V[]; optionLabels: Record<V, string> } {
  const values = Object.keys(registry) as V[];
  return { values, optionLabels: Object.fromEntries(values.map((v) => [v, registry[v].label])) as Record<V, string> };
}

/**
 * The top of beta's range, where collapse is certain. Measured from the shipped 31,000-step VAE
 * (scripts/measure-collapse.mjs, tfjs wasm, lr 1e-2, Adam beta2 0.99): beta 20 leaves the batch KL
 * at ~1.5 nats after 400 steps; beta 50 takes it under 0.1 nats in ~220 steps, beta 100 in ~160.
 */
export const BETA_MAX = 100;

export const SETTINGS = {
  backend: { kind: 'enum', key: 'backend', def: 'auto', values: ['auto', 'webgl', 'wasm', 'cpu'], label: 'setting.backend', scope: 'page', rebuilds: false } as ChoiceSetting<'auto' | 'webgl' | 'wasm' | 'cpu'>,
  latentDim: {
    kind: 'number', key: 'latent', def: 2, min: 2, max: 16, integer: true, label: 'setting.latentDim', control: 'panel.control.latentSize', scope: 'model', rebuilds: true,
    presets: [2, 3, 4, 8, 16],
  } as NumberSetting,
  hiddenDim: { kind: 'number', key: 'hidden', def: 512, min: 16, max: 1024, integer: true, label: 'setting.hiddenDim', scope: 'model', rebuilds: true } as NumberSetting,
  // Default learning rate 1e-2, not the usual 1e-3: measured on this model (Adam with beta2 0.999,
  // batch 128, tfjs-wasm, held-out -ELBO on 1,000 test digits) it reaches 165 nats in ~38k training
  // samples (3e-3: ~60k, 1e-3: ~90k) and 155 nats in ~300k (3e-3: > 380k), lower at every point we
  // logged. The trainer's beta2 is now 0.99 (src/model/trainer.ts), which took 155 nats to ~179k.
  learningRate: {
    kind: 'number', key: 'lr', def: 1e-2, min: 1e-5, max: 1, integer: false, label: 'setting.learningRate', control: 'panel.control.learningRate', scope: 'training', rebuilds: false,
    presets: [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 1],
  } as NumberSetting,
  batchSize: {
    kind: 'number', key: 'batch', def: 128, min: 8, max: 1024, integer: true, label: 'setting.batchSize', control: 'panel.control.batchSize', scope: 'training', rebuilds: false,
    presets: [16, 32, 64, 128, 256, 512],
  } as NumberSetting,
  klWeight: { kind: 'number', key: 'beta', def: 1, min: 0, max: BETA_MAX, integer: false, label: 'setting.klWeight', control: 'panel.beta.label', scope: 'training', rebuilds: false } as NumberSetting,
  reconLoss: { kind: 'enum', key: 'recon', def: 'bce', ...choicesOf(RECON_LOSSES), label: 'setting.reconLoss', control: 'panel.control.reconLoss', scope: 'training', rebuilds: false } as ChoiceSetting<ReconLoss>,
  reconReduction: { kind: 'enum', key: 'reduce', def: 'sum', ...choicesOf(RECON_REDUCTIONS), label: 'setting.reconReduction', control: 'panel.control.overPixels', scope: 'training', rebuilds: false } as ChoiceSetting<ReconReduction>,
  // Grey by default: it is what most tutorials train, and the bench's 165/155-nat marks are for grey.
  pixels: { kind: 'enum', key: 'pixels', def: 'grey', ...choicesOf(PIXEL_MODES), label: 'setting.pixels', control: 'panel.control.pixels', hint: 'panel.control.pixelsTitle', scope: 'training', rebuilds: false } as ChoiceSetting<PixelMode>,
  seed: { kind: 'number', key: 'seed', def: 1, min: 0, max: 2 ** 31 - 1, integer: true, label: 'setting.seed', scope: 'model', rebuilds: true } as NumberSetting,
  // 0 = automatic (half the logical cores, at most 4). Pinning more trades page smoothness for speed.
  wasmThreads: { kind: 'number', key: 'threads', def: 0, min: 0, max: 8, integer: true, label: 'setting.wasmThreads', scope: 'page', rebuilds: false } as NumberSetting,
  // 'auto' = the reader's last choice in this browser, else the browser's preferred languages (src/i18n/chooseLanguage.ts).
  lang: { kind: 'enum', key: 'lang', def: 'auto', values: ['auto', ...LANGUAGE_CODES], label: 'setting.lang', scope: 'page', rebuilds: false } as ChoiceSetting<'auto' | LanguageCode>,
  // The reader's pick among the 10,000 MNIST test digits; -1 (the default, never valid in a URL) = none.
  digit: { kind: 'number', key: 'digit', def: -1, min: 0, max: 9999, integer: true, label: 'setting.digit', scope: 'page', rebuilds: false } as NumberSetting,
} as const;

export type SettingName = keyof typeof SETTINGS;
export type SettingValues = {
  [K in SettingName]: (typeof SETTINGS)[K] extends ChoiceSetting<infer V> ? V : number;
};

export const TRAINING_SETTING_NAMES = ['learningRate', 'batchSize', 'klWeight', 'reconLoss', 'reconReduction', 'pixels'] as const satisfies readonly SettingName[];
/** What a step reads; the worker may change any of it between two steps. */
export type TrainSettings = Pick<SettingValues, (typeof TRAINING_SETTING_NAMES)[number]>;

export function defaultValues(): SettingValues {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(SETTINGS)) out[name] = s.def;
  return out as SettingValues;
}

/** The training settings' defaults: what a model that says nothing of its training gets. */
export function defaultTrainSettings(): TrainSettings {
  const all = defaultValues();
  return Object.fromEntries(TRAINING_SETTING_NAMES.map((n) => [n, all[n]])) as TrainSettings;
}

/** Whether `value` is an allowed value of setting `name` (type, range, whole number, choice). */
export function isValid(name: SettingName, value: unknown): boolean {
  const s = SETTINGS[name] as NumberSetting | ChoiceSetting;
  if (s.kind === 'enum') return typeof value === 'string' && s.values.includes(value);
  return typeof value === 'number' && Number.isFinite(value) && value >= s.min && value <= s.max && (!s.integer || Number.isInteger(value));
}
