import { SETTINGS, TRAINING_SETTING_NAMES, defaultTrainSettings, isValid, type SettingName } from '../settings/schema';
import { paramShapes, PARAM_ORDER } from '../shared/architecture';
import { firstNonFinite } from './finiteWeights';
import { CVAE_KINDS, type ModelConfig, type StepMetrics, type TrainSettings } from '../shared/types';

/**
 * The .vaelab model file: "VAELAB" magic, a format version, a JSON header, then the tensors'
 * bytes. Weights may be float32 (exports, saves) or uint8-quantized per tensor (the small
 * committed pretrained model). Nothing here touches tfjs, so files are checked before a model
 * is touched: a bad file leaves the current model as it was.
 */
export const MODEL_FORMAT_VERSION = 1;
const MAGIC = 'VAELAB';

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

export type Encoding = 'float32' | 'uint8';

export interface SavedModel {
  config: ModelConfig;
  settings: TrainSettings;
  step: number;
  /** One array per parameter, in PARAM_ORDER (classMeans only for a CVAE). */
  params: Float32Array[];
  /** Adam's moment estimates, same order; absent in the pretrained file. */
  optimizer?: { m: Float32Array[]; v: Float32Array[]; momentSteps?: number };
  history?: StepMetrics[];
  /** Where the weights came from, shown in the panel. */
  source: string;
  savedAt: string;
}

export interface TensorEntry { name: string; count: number; encoding: Encoding; offset: number; byteLength: number; min?: number; scale?: number }
interface Header {
  version: number;
  config: ModelConfig;
  settings: TrainSettings;
  step: number;
  /** Steps Adam's moments have seen (their bias correction); absent in older files: then = step. */
  momentSteps?: number;
  source: string;
  savedAt: string;
  tensors: TensorEntry[];
  history?: StepMetrics[];
}

function quantize(values: Float32Array): { bytes: Uint8Array; min: number; scale: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) min = max = 0;
  const scale = (max - min) / 255 || 1;
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) bytes[i] = Math.round(((values[i] ?? 0) - min) / scale);
  return { bytes, min, scale };
}

/** Weights that hold NaN or ±Infinity: `what` names the first such array ("weights 3", "Adam m 0"). */
export class NonFiniteWeightsError extends ModelFileError {
  constructor(readonly what: string) {
    super(`the model's ${what} hold NaN or infinite values; not written`);
  }
}

/**
 * The tensors' part of a model file: their table (offsets from the start of the data) and their
 * bytes, which begin at `start` in `bytes`. A save encodes it in the training worker, with the
 * first `start` bytes left free for the header, and transfers it: the page then writes the header
 * in place (`assembleModelFile`) instead of allocating and copying ~10 MB on its own thread.
 */
export interface EncodedTensors { entries: TensorEntry[]; bytes: Uint8Array; start: number }

/** The header's fields other than the tensor table and the history. */
export type ModelFileMeta = Pick<SavedModel, 'config' | 'settings' | 'step' | 'source' | 'savedAt'> & { momentSteps?: number };

/**
 * `encoding` may be chosen per tensor: the shipped VAE keeps its decoder's output weights in
 * float32 because quantizing that one tensor costs 4.5 nats of held-out -ELBO (each other tensor
 * at most 0.6), measured on the shipped 31,000-step model.
 */
export function encodeModelFile(model: SavedModel, encoding: Encoding | ((name: string) => Encoding) = 'float32'): Uint8Array {
  const meta: ModelFileMeta = {
    config: model.config, settings: model.settings, step: model.step, source: model.source, savedAt: model.savedAt,
    ...(model.optimizer?.momentSteps !== undefined ? { momentSteps: model.optimizer.momentSteps } : {}),
  };
  return assembleModelFile(meta, encodeTensors(model, encoding), model.history === undefined ? undefined : JSON.stringify(model.history));
}

/**
 * Throws NonFiniteWeightsError rather than write NaN: the reader refuses it, so nobody could open
 * the file. `headerRoom`: bytes to leave before the data for the magic, version and header.
 */
export function encodeTensors(
  model: Pick<SavedModel, 'config' | 'params' | 'optimizer'>, encoding: Encoding | ((name: string) => Encoding) = 'float32', headerRoom = 0,
): EncodedTensors {
  const bad = firstNonFinite(model);
  if (bad) throw new NonFiniteWeightsError(bad);
  const shapes = paramShapes(model.config);
  const names = PARAM_ORDER.filter((n) => shapes[n]);
  const blobs: { bytes: Uint8Array; entry: Omit<TensorEntry, 'offset'> }[] = [];
  const add = (name: string, values: Float32Array, enc: Encoding): void => {
    if (enc === 'uint8') {
      const q = quantize(values);
      blobs.push({ bytes: q.bytes, entry: { name, count: values.length, encoding: enc, byteLength: q.bytes.length, min: q.min, scale: q.scale } });
    } else {
      // A view, not a copy: the bytes are copied once, into `data` below.
      const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
      blobs.push({ bytes, entry: { name, count: values.length, encoding: enc, byteLength: bytes.length } });
    }
  };
  names.forEach((n, i) => add(n, model.params[i] ?? new Float32Array(0), typeof encoding === 'function' ? encoding(n) : encoding));
  if (model.optimizer) {
    names.forEach((n, i) => add(`m:${n}`, model.optimizer!.m[i] ?? new Float32Array(0), 'float32'));
    names.forEach((n, i) => add(`v:${n}`, model.optimizer!.v[i] ?? new Float32Array(0), 'float32'));
  }
  let offset = 0;
  const entries: TensorEntry[] = blobs.map((b) => {
    // 4-byte alignment lets float32 data be viewed in place.
    offset = Math.ceil(offset / 4) * 4;
    const e = { ...b.entry, offset };
    offset += b.bytes.length;
    return e;
  });
  // The data starts 4-byte aligned, as the reader expects (it rounds the header's end up to 4).
  const start = Math.ceil(headerRoom / 4) * 4;
  const bytes = new Uint8Array(start + offset);
  blobs.forEach((b, i) => bytes.set(b.bytes, start + entries[i]!.offset));
  return { entries, bytes, start };
}

/**
 * The file: magic, version, header, then the tensors' data. `historyJson` is the history as
 * JSON.stringify writes it; a save passes it from a HistoryJson, which serializes only new points.
 * If the header fits the room before the data, it is written there (padded with JSON whitespace,
 * which the reader skips) and the file is `tensors.bytes` itself; otherwise the file is a new copy.
 */
export function assembleModelFile(meta: ModelFileMeta, tensors: EncodedTensors, historyJson?: string): Uint8Array {
  const header: Omit<Header, 'history'> = {
    version: MODEL_FORMAT_VERSION, config: checkConfig(meta.config), settings: checkSettings(meta.settings, undefined), step: meta.step,
    ...(meta.momentSteps !== undefined ? { momentSteps: meta.momentSteps } : {}),
    source: meta.source, savedAt: meta.savedAt, tensors: tensors.entries,
  };
  // The history goes last, as JSON.stringify would place it: the same text as stringifying it in.
  const json = JSON.stringify(header);
  const text = historyJson === undefined ? json : `${json.slice(0, -1)},"history":${historyJson}}`;
  const prefix = MAGIC.length + 2 + 4;
  const { bytes, start } = tensors;
  if (start > prefix && start % 4 === 0) {
    const room = bytes.subarray(prefix, start);
    const { read, written } = new TextEncoder().encodeInto(text, room);
    if (read === text.length) {
      room.fill(0x20, written); // spaces
      writePrefix(bytes, start - prefix);
      return bytes;
    }
  }
  const headerBytes = new TextEncoder().encode(text);
  const dataStart = Math.ceil((prefix + headerBytes.length) / 4) * 4;
  const out = new Uint8Array(dataStart + bytes.length - start);
  writePrefix(out, headerBytes.length);
  out.set(headerBytes, prefix);
  out.set(bytes.subarray(start), dataStart);
  return out;
}

function writePrefix(out: Uint8Array, headerLength: number): void {
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint16(MAGIC.length, MODEL_FORMAT_VERSION, true);
  view.setUint32(MAGIC.length + 2, headerLength, true);
}

/**
 * The history's JSON, each point's text remembered: a save every few seconds then serializes only
 * the points added since the last (a 20,000-point history took 40-110 ms to stringify whole).
 * Points are never changed once in a history (appendHistory makes new arrays of the same points).
 */
export class HistoryJson {
  private readonly points = new WeakMap<StepMetrics, string>();

  of(history: StepMetrics[]): string {
    const parts = history.map((p) => {
      let text = this.points.get(p);
      if (text === undefined) {
        text = JSON.stringify(p);
        this.points.set(p, text);
      }
      return text;
    });
    return `[${parts.join(',')}]`;
  }
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const BAD_CONFIG = 'the file\'s model settings are missing or out of range';
const BAD_TRAINING = 'the file\'s training settings are out of range';

/** A setting's value from a file: absent -> `fallback`; present, it must be valid by the schema. */
function schemaValue<T>(name: SettingName, value: unknown, fallback: T): T {
  if (value === undefined) return fallback;
  if (!isValid(name, value)) {
    if (name === 'pixels') throw new ModelFileError('the file\'s pixel setting is neither grey nor binarized');
    throw new ModelFileError(SETTINGS[name].scope === 'model' ? BAD_CONFIG : BAD_TRAINING);
  }
  return value as T;
}

/**
 * The model's fixed shape, built from the keys a ModelConfig has and nothing else: a key the app
 * does not know would otherwise ride into the URL and every later save. Bounds are the schema's.
 */
function checkConfig(c: unknown): ModelConfig {
  if (!isRecord(c) || typeof c.conditional !== 'boolean' || c.latentDim === undefined || c.hiddenDim === undefined) {
    throw new ModelFileError(BAD_CONFIG);
  }
  if (c.kind !== undefined && !(CVAE_KINDS as readonly unknown[]).includes(c.kind)) {
    throw new ModelFileError(`the file's conditional VAE kind ${JSON.stringify(c.kind).slice(0, 24)} is unknown`);
  }
  return {
    latentDim: schemaValue('latentDim', c.latentDim, SETTINGS.latentDim.def),
    hiddenDim: schemaValue('hiddenDim', c.hiddenDim, SETTINGS.hiddenDim.def),
    conditional: c.conditional,
    // A conditional file written before the standard CVAE existed is the essay's CVAE.
    ...(c.conditional ? { kind: (c.kind as ModelConfig['kind']) ?? 'essay' } : {}),
    seed: schemaValue('seed', c.seed, SETTINGS.seed.def),
  };
}

/**
 * The training settings, each checked by the schema. Files written before the loss choices were
 * training settings carry them in the config (`legacy`); files older still have no pixel setting
 * (they were all trained on grey pixels, the default). Absent values take the schema's default.
 */
function checkSettings(s: unknown, legacy: unknown): TrainSettings {
  if (s !== undefined && !isRecord(s)) throw new ModelFileError(BAD_TRAINING);
  const from = { ...(isRecord(legacy) ? legacy : {}), ...(s ?? {}) };
  const defaults = defaultTrainSettings();
  return Object.fromEntries(TRAINING_SETTING_NAMES.map((n) => [n, schemaValue(n, from[n], defaults[n])])) as TrainSettings;
}

const METRIC_NUMBERS = ['step', 'epoch', 'seconds', 'samplesPerSec', 'loss', 'recon', 'kl', 'meanSigma'] as const;
const OPTIONAL_METRIC_NUMBERS = ['testNelbo', 'numTensors', 'activeLoops'] as const;

/**
 * One history point, rebuilt from the fields StepMetrics has, every one finite; null when any is
 * missing or not a number (the essence page reads meanSigma and klPerDim of every point).
 */
function checkMetrics(h: unknown, latentDim: number): StepMetrics | null {
  if (!isRecord(h)) return null;
  const out: Record<string, unknown> = {};
  for (const k of METRIC_NUMBERS) {
    if (typeof h[k] !== 'number' || !Number.isFinite(h[k])) return null;
    out[k] = h[k];
  }
  for (const k of OPTIONAL_METRIC_NUMBERS) {
    if (h[k] === undefined) continue;
    if (typeof h[k] !== 'number' || !Number.isFinite(h[k])) return null;
    out[k] = h[k];
  }
  const dims = h.klPerDim;
  if (!Array.isArray(dims) || dims.length !== latentDim || !dims.every((d) => typeof d === 'number' && Number.isFinite(d))) return null;
  out.klPerDim = [...(dims as number[])];
  return out as unknown as StepMetrics;
}

/** The weight list: each entry an object with a name, so a `null` in it is a file error, not a crash. */
function checkTensorList(t: unknown): TensorEntry[] {
  if (!Array.isArray(t) || t.length === 0) throw new ModelFileError('the file lists no weights');
  for (const e of t) {
    if (!isRecord(e) || typeof e.name !== 'string' || typeof e.count !== 'number' || typeof e.offset !== 'number') {
      throw new ModelFileError('the file\'s list of weights is corrupt');
    }
  }
  return t as TensorEntry[];
}

export function decodeModelFile(bytes: Uint8Array): SavedModel {
  const tooShort = (): never => { throw new ModelFileError('the file is truncated'); };
  if (bytes.length < MAGIC.length + 6) {
    throw new ModelFileError('this is not a VAE Lab model file (too short)');
  }
  if (new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new ModelFileError('this is not a VAE Lab model file (it does not start with "VAELAB")');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(MAGIC.length, true);
  if (version > MODEL_FORMAT_VERSION) {
    throw new ModelFileError(`the file is format version ${version}, newer than this app reads (${MODEL_FORMAT_VERSION}); update VAE Lab`);
  }
  if (version < 1) throw new ModelFileError(`unknown model file version ${version}`);
  const headerLength = view.getUint32(MAGIC.length + 2, true);
  if (MAGIC.length + 6 + headerLength > bytes.length) tooShort();
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(MAGIC.length + 6, MAGIC.length + 6 + headerLength)));
  } catch {
    throw new ModelFileError('the file\'s header is corrupt');
  }
  // Valid JSON is not yet a header: `null`, a number or a list would otherwise crash the reads below.
  if (!isRecord(parsed)) throw new ModelFileError('the file\'s header is corrupt');
  const header = parsed as unknown as Header;
  const config = checkConfig(header.config);
  const settings = checkSettings(header.settings, header.config);
  const tensors = checkTensorList(header.tensors);
  const dataStart = Math.ceil((MAGIC.length + 6 + headerLength) / 4) * 4;
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const shapes = paramShapes(config);
  const names = PARAM_ORDER.filter((n) => shapes[n]);
  const read = (name: string, expected: number): Float32Array => {
    const t = byName.get(name);
    if (!t) throw new ModelFileError(`the file has no "${name}" weights: it is from another kind of model`);
    if (t.count !== expected) {
      throw new ModelFileError(`"${name}" holds ${t.count} values but this architecture needs ${expected}: the file is from another architecture`);
    }
    const start = dataStart + t.offset;
    const width = t.encoding === 'uint8' ? 1 : t.encoding === 'float32' ? 4 : NaN;
    if (!Number.isFinite(width)) throw new ModelFileError(`"${name}" uses an unknown encoding`);
    if (!isInt(t.offset, 0, bytes.length) || start + t.count * width > bytes.length) tooShort();
    let values: Float32Array;
    if (t.encoding === 'uint8') {
      const min = Number(t.min);
      const scale = Number(t.scale);
      values = new Float32Array(t.count);
      for (let i = 0; i < t.count; i++) values[i] = min + (bytes[start + i] ?? 0) * scale;
    } else {
      values = new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + t.count * 4));
    }
    for (const v of values) if (!Number.isFinite(v)) throw new ModelFileError(`"${name}" contains NaN or infinite values`);
    return values;
  };
  const sizeOf = (n: (typeof names)[number]): number => (shapes[n] ?? []).reduce((a, b) => a * b, 1);
  const params = names.map((n) => read(n, sizeOf(n)));
  let optimizer: SavedModel['optimizer'];
  if (byName.has(`m:${names[0]}`)) {
    optimizer = {
      m: names.map((n) => read(`m:${n}`, sizeOf(n))), v: names.map((n) => read(`v:${n}`, sizeOf(n))),
      ...(isInt(header.momentSteps, 0, 1e9) ? { momentSteps: header.momentSteps } : {}),
    };
  }
  return {
    config, settings, params, optimizer,
    step: isInt(header.step, 0, 1e9) ? header.step : 0,
    history: Array.isArray(header.history)
      ? header.history.map((h) => checkMetrics(h, config.latentDim)).filter((h): h is StepMetrics => h !== null)
      : undefined,
    source: typeof header.source === 'string' ? header.source.slice(0, 200) : 'a loaded model',
    savedAt: typeof header.savedAt === 'string' ? header.savedAt.slice(0, 40) : '',
  };
}
