import { paramShapes, PARAM_ORDER } from '../shared/architecture';
import type { ModelConfig, StepMetrics, TrainSettings } from '../shared/types';

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

interface TensorEntry { name: string; count: number; encoding: Encoding; offset: number; byteLength: number; min?: number; scale?: number }
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

export function encodeModelFile(model: SavedModel, encoding: Encoding = 'float32'): Uint8Array {
  const shapes = paramShapes(model.config);
  const names = PARAM_ORDER.filter((n) => shapes[n]);
  const blobs: { name: string; bytes: Uint8Array; entry: Omit<TensorEntry, 'offset'> }[] = [];
  const add = (name: string, values: Float32Array, enc: Encoding): void => {
    if (enc === 'uint8') {
      const q = quantize(values);
      blobs.push({ name, bytes: q.bytes, entry: { name, count: values.length, encoding: enc, byteLength: q.bytes.length, min: q.min, scale: q.scale } });
    } else {
      const bytes = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
      blobs.push({ name, bytes, entry: { name, count: values.length, encoding: enc, byteLength: bytes.length } });
    }
  };
  names.forEach((n, i) => add(n, model.params[i] ?? new Float32Array(0), encoding));
  if (model.optimizer) {
    names.forEach((n, i) => add(`m:${n}`, model.optimizer!.m[i] ?? new Float32Array(0), 'float32'));
    names.forEach((n, i) => add(`v:${n}`, model.optimizer!.v[i] ?? new Float32Array(0), 'float32'));
  }
  let offset = 0;
  const tensors: TensorEntry[] = blobs.map((b) => {
    // 4-byte alignment lets float32 data be viewed in place.
    offset = Math.ceil(offset / 4) * 4;
    const e = { ...b.entry, offset };
    offset += b.bytes.length;
    return e;
  });
  const header: Header = {
    version: MODEL_FORMAT_VERSION, config: { ...model.config, pixels: model.config.pixels ?? 'grey' }, settings: model.settings, step: model.step,
    ...(model.optimizer?.momentSteps !== undefined ? { momentSteps: model.optimizer.momentSteps } : {}),
    source: model.source, savedAt: model.savedAt, tensors, history: model.history,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = Math.ceil((MAGIC.length + 2 + 4 + headerBytes.length) / 4) * 4;
  const out = new Uint8Array(dataStart + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint16(MAGIC.length, MODEL_FORMAT_VERSION, true);
  view.setUint32(MAGIC.length + 2, headerBytes.length, true);
  out.set(headerBytes, MAGIC.length + 6);
  blobs.forEach((b, i) => out.set(b.bytes, dataStart + tensors[i]!.offset));
  return out;
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function checkConfig(c: unknown): ModelConfig {
  const cfg = c as Partial<ModelConfig> | null;
  if (!cfg || !isInt(cfg.latentDim, 1, 64) || !isInt(cfg.hiddenDim, 1, 4096) || typeof cfg.conditional !== 'boolean'
    || (cfg.reconLoss !== 'bce' && cfg.reconLoss !== 'mse') || (cfg.reconReduction !== 'sum' && cfg.reconReduction !== 'mean')) {
    throw new ModelFileError('the file\'s model settings are missing or out of range');
  }
  if (cfg.pixels !== undefined && cfg.pixels !== 'grey' && cfg.pixels !== 'binarized') {
    throw new ModelFileError('the file\'s pixel setting is neither grey nor binarized');
  }
  if (cfg.kind !== undefined && cfg.kind !== 'essay' && cfg.kind !== 'standard') {
    throw new ModelFileError(`the file's conditional VAE kind "${String(cfg.kind)}" is unknown`);
  }
  // A conditional file written before the standard CVAE existed is the essay's CVAE.
  const kind = cfg.conditional ? (cfg.kind ?? 'essay') : undefined;
  // Files written before the pixel setting existed were all trained on grey pixels.
  return { ...cfg, kind, pixels: cfg.pixels ?? 'grey', seed: isInt(cfg.seed, 0, 2 ** 31 - 1) ? cfg.seed : 1 } as ModelConfig;
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
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(MAGIC.length + 6, MAGIC.length + 6 + headerLength))) as Header;
  } catch {
    throw new ModelFileError('the file\'s header is corrupt');
  }
  const config = checkConfig(header.config);
  const s = header.settings as Partial<TrainSettings> | undefined;
  const settings: TrainSettings = {
    learningRate: typeof s?.learningRate === 'number' && s.learningRate > 0 && s.learningRate <= 1 ? s.learningRate : 1e-3,
    batchSize: isInt(s?.batchSize, 1, 4096) ? s.batchSize : 128,
    klWeight: typeof s?.klWeight === 'number' && s.klWeight >= 0 && s.klWeight <= 1000 ? s.klWeight : 1,
  };
  if (!Array.isArray(header.tensors)) throw new ModelFileError('the file lists no weights');
  const dataStart = Math.ceil((MAGIC.length + 6 + headerLength) / 4) * 4;
  const byName = new Map(header.tensors.map((t) => [t.name, t]));
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
    history: Array.isArray(header.history) ? header.history.filter((h) => h && Number.isFinite(h.step) && Number.isFinite(h.loss)) : undefined,
    source: typeof header.source === 'string' ? header.source.slice(0, 200) : 'a loaded model',
    savedAt: typeof header.savedAt === 'string' ? header.savedAt.slice(0, 40) : '',
  };
}
