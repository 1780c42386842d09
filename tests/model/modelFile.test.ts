import { describe, expect, it } from 'vitest';
import { decodeModelFile, encodeModelFile, ModelFileError, type SavedModel } from '../../src/model/modelFile';
import { paramShapes, PARAM_ORDER } from '../../src/shared/architecture';
import type { ModelConfig } from '../../src/shared/types';
import { mulberry32 } from '../../src/math/random';

const config: ModelConfig = { latentDim: 3, hiddenDim: 8, conditional: true, reconLoss: 'bce', reconReduction: 'sum', pixels: 'grey', seed: 4 };

function model(cfg = config, withOptimizer = true): SavedModel {
  const rand = mulberry32(5);
  const shapes = paramShapes(cfg);
  const params = PARAM_ORDER.filter((n) => shapes[n]).map((n) =>
    Float32Array.from({ length: shapes[n]!.reduce((a, b) => a * b, 1) }, () => rand() * 4 - 2));
  return {
    config: cfg, settings: { learningRate: 3e-3, batchSize: 64, klWeight: 2.5 }, step: 321, params,
    optimizer: withOptimizer ? { m: params.map((p) => p.map((v) => v / 10)), v: params.map((p) => p.map((v) => v * v)) } : undefined,
    history: [{ step: 1, epoch: 0, seconds: 0.2, samplesPerSec: 600, loss: 500, recon: 490, kl: 10, klPerDim: [5, 3, 2], meanSigma: 0.9 }],
    source: 'test', savedAt: '2026-11-23T00:00:00Z',
  };
}

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
      const range = Math.max(...src) - Math.min(...src);
      for (let k = 0; k < p.length; k++) expect(Math.abs(p[k]! - src[k]!)).toBeLessThanOrEqual(range / 255 / 2 + 1e-6);
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
    const forged = new TextEncoder().encode(text.replace('"hiddenDim":8', '"hiddenDim":9'));
    expect(() => decodeModelFile(forged)).toThrow(/another architecture/);
  });

  it('refuses NaN weights', () => {
    const m = model(config, false);
    m.params[2]![0] = NaN;
    expect(() => decodeModelFile(encodeModelFile(m))).toThrow(/NaN/);
  });

  it('records the pixel setting, reads old files without it as grey, and refuses unknown values', () => {
    const binarized = model({ ...config, pixels: 'binarized' });
    expect(decodeModelFile(encodeModelFile(binarized)).config.pixels).toBe('binarized');
    // A file from before the setting: its header has no "pixels" at all.
    const text = new TextDecoder().decode(encodeModelFile(model()));
    expect(text).toContain('"pixels":"grey"');
    const bytes = encodeModelFile(model());
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as { config: Record<string, unknown> };
    delete header.config.pixels;
    const old = encodeRawHeader(bytes, header);
    expect(decodeModelFile(old).config.pixels).toBe('grey');
    header.config.pixels = 'sepia';
    expect(() => decodeModelFile(encodeRawHeader(bytes, header))).toThrow(/neither grey nor binarized/);
  });
});

/** The same tensors under a rewritten JSON header (the data block moves, offsets stay relative). */
function encodeRawHeader(bytes: Uint8Array, header: object): Uint8Array {
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
