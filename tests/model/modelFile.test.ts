import { describe, expect, it } from 'vitest';
import { assembleModelFile, decodeModelFile, encodeModelFile, encodeTensors, HistoryJson, ModelFileError, NonFiniteWeightsError, type SavedModel } from '../../src/model/modelFile';
import { paramShapes, PARAM_ORDER } from '../../src/shared/architecture';
import type { ModelConfig } from '../../src/shared/types';
import { mulberry32 } from '../../src/math/random';

const config: ModelConfig = { latentDim: 3, hiddenDim: 16, conditional: true, seed: 4 };

function model(cfg = config, withOptimizer = true): SavedModel {
  const rand = mulberry32(5);
  const shapes = paramShapes(cfg);
  const params = PARAM_ORDER.filter((n) => shapes[n]).map((n) =>
    Float32Array.from({ length: shapes[n]!.reduce((a, b) => a * b, 1) }, () => rand() * 4 - 2));
  return {
    config: cfg, settings: { learningRate: 3e-3, batchSize: 64, klWeight: 2.5, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey' }, step: 321, params,
    optimizer: withOptimizer ? { m: params.map((p) => p.map((v) => v / 10)), v: params.map((p) => p.map((v) => v * v)) } : undefined,
    history: [{ step: 1, epoch: 0, seconds: 0.2, samplesPerSec: 600, loss: 500, recon: 490, kl: 10, klPerDim: [5, 3, 2], meanSigma: 0.9 }],
    source: 'test', savedAt: '2026-11-23T00:00:00Z',
  };
}

/** Byte equality; vitest's toEqual on two ~300 KB arrays takes tens of seconds. */
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

describe('model file', () => {
  it('round-trips float32 weights, optimizer state, settings and history exactly', () => {
    const m = model();
    const back = decodeModelFile(encodeModelFile(m));
    expect(back.config).toEqual({ ...m.config, kind: 'essay' });
    expect(back.settings).toEqual(m.settings);
    expect(back.step).toBe(321);
    expect(back.params.length).toBe(11);
    back.params.forEach((p, i) => expect(Array.from(p)).toEqual(Array.from(m.params[i]!)));
    expect(Array.from(back.optimizer!.v[3]!)).toEqual(Array.from(m.optimizer!.v[3]!));
    expect(back.history).toEqual(m.history);
  });

  it('uint8 quantization stays within half a step of each tensor\'s range', () => {
    const m = model(config, false);
    const bytes = encodeModelFile(m, 'uint8');
    expect(bytes.length).toBeLessThan(encodeModelFile(m).length / 3);
    const back = decodeModelFile(bytes);
    back.params.forEach((p, i) => {
      const src = m.params[i]!;
      const range = src.reduce((a, b) => Math.max(a, b), -Infinity) - src.reduce((a, b) => Math.min(a, b), Infinity);
      let worst = 0;
      for (let k = 0; k < p.length; k++) worst = Math.max(worst, Math.abs(p[k]! - src[k]!));
      expect(worst).toBeLessThanOrEqual(range / 255 / 2 + 1e-6);
    });
    expect(back.optimizer).toBeUndefined();
  });

  it('refuses a truncated file', () => {
    const bytes = encodeModelFile(model());
    expect(() => decodeModelFile(bytes.subarray(0, bytes.length - 100))).toThrow(/truncated/);
    expect(() => decodeModelFile(bytes.subarray(0, 40))).toThrow(ModelFileError);
  });

  it('refuses something that is not a model', () => {
    expect(() => decodeModelFile(new TextEncoder().encode('{"hello": "world"}'))).toThrow(/not a VAE Lab model file/);
    expect(() => decodeModelFile(new Uint8Array(3))).toThrow(/not a VAE Lab model file/);
  });

  it('refuses a newer format version', () => {
    const bytes = encodeModelFile(model());
    new DataView(bytes.buffer).setUint16(6, 2, true);
    expect(() => decodeModelFile(bytes)).toThrow(/version 2, newer than this app reads/);
  });

  it('refuses weights whose sizes do not fit the architecture the header claims', () => {
    const m = model();
    const bytes = encodeModelFile({ ...m, config: { ...config } });
    // Rewrite the header to claim a bigger hidden layer than the weights hold.
    const text = new TextDecoder().decode(bytes);
    const forged = new TextEncoder().encode(text.replace('"hiddenDim":16', '"hiddenDim":17'));
    expect(() => decodeModelFile(forged)).toThrow(/another architecture/);
  });

  it('an autosave\'s file (tensors encoded apart, history text remembered per point) reads as the file encodeModelFile writes', () => {
    const m = model();
    const json = new HistoryJson();
    const meta = { ...m, momentSteps: undefined };
    // No room for the header: the same bytes as encodeModelFile.
    expect(same(assembleModelFile(meta, encodeTensors(m), json.of(m.history!)), encodeModelFile(m))).toBe(true);
    // Points added later (and a thinned history of the same points) are written as a whole stringify would.
    const more = { ...m, history: [...m.history!, { ...m.history![0]!, step: 2, testNelbo: 480.5 }, { ...m.history![0]!, step: 3 }] };
    expect(same(assembleModelFile(meta, encodeTensors(m), json.of(more.history)), encodeModelFile(more))).toBe(true);
    const thinned = { ...m, history: [more.history[0]!, more.history[2]!] };
    expect(same(assembleModelFile(meta, encodeTensors(m), json.of(thinned.history)), encodeModelFile(thinned))).toBe(true);
    // Room enough: the header is written in place, padded with spaces, and reads the same.
    const roomy = encodeTensors(m, 'float32', 4001);
    expect(roomy.start).toBe(4004);
    const inPlace = assembleModelFile(meta, roomy, json.of(more.history));
    expect(inPlace.buffer === roomy.bytes.buffer).toBe(true);
    // Compared as re-encoded bytes: the decoded models hold the same weights, settings and history.
    expect(same(encodeModelFile(decodeModelFile(inPlace)), encodeModelFile(decodeModelFile(encodeModelFile(more))))).toBe(true);
    // Too little room: a copy, as without room.
    const tight = encodeTensors(m, 'float32', 200);
    const copied = assembleModelFile(meta, tight, json.of(more.history));
    expect(copied.buffer === tight.bytes.buffer).toBe(false);
    expect(same(copied, encodeModelFile(more))).toBe(true);
  });

  it('encoding the tensors alone refuses NaN too, naming the weights', () => {
    const m = model();
    m.optimizer!.m[4]![2] = -Infinity;
    expect(() => encodeTensors(m)).toThrow(NonFiniteWeightsError);
    expect(() => encodeTensors(m)).toThrow(/Adam m 4 hold NaN or infinite values/);
  });

  it('refuses NaN weights', () => {
    const m = model(config, false);
    m.params[2]![0] = NaN;
    expect(() => decodeModelFile(encodeModelFile(m))).toThrow(/NaN/);
  });

  it('records the pixel setting, reads old files without it as grey, and refuses unknown values', () => {
    const binarized = { ...model(), settings: { ...model().settings, pixels: 'binarized' as const } };
    expect(decodeModelFile(encodeModelFile(binarized)).settings.pixels).toBe('binarized');
    const bytes = encodeModelFile(model());
    const header = headerOf(bytes);
    expect(header.settings.pixels).toBe('grey');
    // A file from before the setting: its header has no "pixels" at all.
    delete header.settings.pixels;
    expect(decodeModelFile(encodeRawHeader(bytes, header)).settings.pixels).toBe('grey');
    header.settings.pixels = 'sepia';
    expect(() => decodeModelFile(encodeRawHeader(bytes, header))).toThrow(/neither grey nor binarized/);
  });

  it('migrates files that carry the loss choices in the model config into the training settings', () => {
    const bytes = encodeModelFile(model());
    const header = headerOf(bytes);
    // The shipped files' shape: loss choices in config, settings with three numbers only.
    header.config = { ...header.config, reconLoss: 'mse', reconReduction: 'mean', pixels: 'binarized' };
    header.settings = { learningRate: 1e-3, batchSize: 128, klWeight: 1 };
    const back = decodeModelFile(encodeRawHeader(bytes, header));
    expect(back.settings).toEqual({ learningRate: 1e-3, batchSize: 128, klWeight: 1, reconLoss: 'mse', reconReduction: 'mean', pixels: 'binarized' });
    expect(Object.keys(back.config).sort()).toEqual(['conditional', 'hiddenDim', 'kind', 'latentDim', 'seed']);
    // Written again, the choices sit in the settings and nowhere else.
    const again = headerOf(encodeModelFile(back));
    expect(again.config.reconLoss).toBeUndefined();
    expect(again.settings.reconLoss).toBe('mse');
  });

  it('drops config and settings keys it does not know, so they cannot reach the URL or a later save', () => {
    const bytes = encodeModelFile(model());
    const header = headerOf(bytes);
    header.config = { ...header.config, lang: 'zh', backend: 'cpu', klWeight: 100, __proto__x: 1 };
    header.settings = { ...header.settings, digit: 7, extra: 'x' };
    const back = decodeModelFile(encodeRawHeader(bytes, header));
    expect(back.config).toEqual({ ...config, kind: 'essay' });
    expect(back.settings).toEqual(model().settings);
    const resaved = headerOf(encodeModelFile(back));
    expect(JSON.stringify(resaved)).not.toMatch(/lang|backend|digit|extra|__proto__x/);
  });

  it('accepts only the schema\'s ranges: sizes and training settings outside them are file errors', () => {
    const bytes = encodeModelFile(model());
    const cases: [string, (h: Header) => void, RegExp][] = [
      ['hidden 2000', (h) => { h.config.hiddenDim = 2000; }, /model settings are missing or out of range/],
      ['latent 64', (h) => { h.config.latentDim = 64; }, /model settings are missing or out of range/],
      ['latent 1', (h) => { h.config.latentDim = 1; }, /model settings are missing or out of range/],
      ['beta 500', (h) => { h.settings.klWeight = 500; }, /training settings are out of range/],
      ['batch 4096', (h) => { h.settings.batchSize = 4096; }, /training settings are out of range/],
      ['lr 0', (h) => { h.settings.learningRate = 0; }, /training settings are out of range/],
      ['loss "l1"', (h) => { h.settings.reconLoss = 'l1'; }, /training settings are out of range/],
      ['seed -1', (h) => { h.config.seed = -1; }, /model settings are missing or out of range/],
    ];
    for (const [what, forge, message] of cases) {
      const header = headerOf(bytes);
      forge(header);
      expect(() => decodeModelFile(encodeRawHeader(bytes, header)), what).toThrow(message);
    }
  });

  it('checks every history point in full: a meanSigma of null or a short klPerDim is dropped, not shown', () => {
    const bytes = encodeModelFile(model());
    const header = headerOf(bytes);
    const good = (header.history as Record<string, unknown>[])[0]!;
    header.history = [
      good,
      { ...good, step: 2, meanSigma: null },
      { ...good, step: 3, klPerDim: [1, 2] },
      { ...good, step: 4, testNelbo: 'x' },
      { ...good, step: 5, seconds: undefined },
      null, 7,
      { ...good, step: 8, testNelbo: 150, extra: 'dropped' },
    ];
    const back = decodeModelFile(encodeRawHeader(bytes, header));
    expect(back.history!.map((h) => h.step)).toEqual([1, 8]);
    expect(back.history![1]).toEqual({ ...model().history![0], step: 8, testNelbo: 150 });
  });

  it('a header of null, or a weight list holding null, is a file error with words, not a crash', () => {
    const bytes = encodeModelFile(model());
    for (const header of [null, 7, [1, 2], 'text']) {
      expect(() => decodeModelFile(encodeRawHeader(bytes, header)), JSON.stringify(header)).toThrow(ModelFileError);
      expect(() => decodeModelFile(encodeRawHeader(bytes, header))).toThrow(/header is corrupt/);
    }
    for (const tensors of [[null], [7], [{ count: 3 }], []]) {
      const header = { ...headerOf(bytes), tensors };
      expect(() => decodeModelFile(encodeRawHeader(bytes, header)), JSON.stringify(tensors)).toThrow(ModelFileError);
      expect(() => decodeModelFile(encodeRawHeader(bytes, header))).toThrow(/list of weights is corrupt|lists no weights/);
    }
  });

  it('the writer refuses what the reader would refuse (settings outside the schema)', () => {
    expect(() => encodeModelFile({ ...model(), settings: { ...model().settings, klWeight: 1e6 } })).toThrow(ModelFileError);
    expect(() => encodeModelFile({ ...model(), config: { ...config, hiddenDim: 4 } })).toThrow(ModelFileError);
  });
});

interface Header { config: Record<string, unknown>; settings: Record<string, unknown>; history?: unknown[]; tensors: unknown[] }

function headerOf(bytes: Uint8Array): Header {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as Header;
}

/** The same tensors under a rewritten JSON header (the data block moves, offsets stay relative). */
function encodeRawHeader(bytes: Uint8Array, header: unknown): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const oldLength = view.getUint32(8, true);
  const oldStart = Math.ceil((12 + oldLength) / 4) * 4;
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const newStart = Math.ceil((12 + headerBytes.length) / 4) * 4;
  const out = new Uint8Array(newStart + bytes.length - oldStart);
  out.set(bytes.subarray(0, 8), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  out.set(bytes.subarray(oldStart), newStart);
  return out;
}
