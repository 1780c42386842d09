import { describe, expect, it } from 'vitest';
import { memoryKv, SaveSlots } from '../../src/state/savedModels';
import { canonicalModelSettings, urlNamesModel } from '../../src/state/linkSettings';
import { parseSettings } from '../../src/state/urlSchema';

const rec = (step: number, savedAt = `2026-12-02T00:00:${String(step).padStart(2, '0')}Z`) => ({ bytes: Uint8Array.of(step), savedAt, step });

describe('save slots', () => {
  it('alternate slots under one pointer, newest first, and keep the previous save as the fallback', async () => {
    const kv = memoryKv();
    const slots = new SaveSlots(kv);
    await slots.write('main', 'tabA', rec(1));
    await slots.write('main', 'tabA', rec(2));
    await slots.write('main', 'tabA', rec(3));
    expect((await slots.read('main', 'tabA')).map((r) => r.step)).toEqual([3, 2]);
    expect(kv.data.get('main:tabA:current')).toMatchObject({ slot: 'a', step: 3 });
  });

  it('a save that fails part-way (quota) changes nothing: pointer and both slots stay as they were', async () => {
    const kv = memoryKv();
    const slots = new SaveSlots(kv);
    await slots.write('main', 'tabA', rec(1));
    await slots.write('main', 'tabA', rec(2));
    const before = new Map(kv.data);
    kv.failWrites = 1;
    await expect(slots.write('main', 'tabA', rec(3))).rejects.toThrow(/Quota/);
    expect(kv.data).toEqual(before);
    expect((await slots.read('main', 'tabA')).map((r) => r.step)).toEqual([2, 1]);
  });

  it('owners never touch each other: writes, lists (newest first, no weights read) and removes are per owner', async () => {
    const slots = new SaveSlots(memoryKv());
    await slots.write('main', 'tabA', rec(5), { latentDim: 2, source: 'a' });
    await slots.write('main', 'tabB', rec(7), { latentDim: 8 });
    await slots.write('main', 'tabB', rec(9), { latentDim: 8 });
    await slots.write('cvae', 'tabB', rec(8));
    expect(await slots.list('main')).toEqual([
      { owner: 'tabB', savedAt: rec(9).savedAt, step: 9, latentDim: 8 },
      { owner: 'tabA', savedAt: rec(5).savedAt, step: 5, latentDim: 2, source: 'a' },
    ]);
    await slots.remove('main', 'tabB');
    expect((await slots.list('main')).map((e) => e.owner)).toEqual(['tabA']);
    expect((await slots.read('main', 'tabA')).map((r) => r.step)).toEqual([5]);
    expect((await slots.list('cvae')).map((e) => e.step)).toEqual([8]);
  });

  it('reads saves written before tabs had keys (pointer "a" | "b", no owner) as the owner ""', async () => {
    const kv = memoryKv();
    kv.data.set('main:a', rec(4));
    kv.data.set('main:b', rec(6));
    kv.data.set('main:current', 'b');
    const slots = new SaveSlots(kv);
    expect((await slots.list('main')).map((e) => e.owner)).toEqual(['']);
    expect((await slots.read('main', '')).map((r) => r.step)).toEqual([6, 4]);
    await slots.write('main', '', rec(7));
    expect((await slots.read('main', '')).map((r) => r.step)).toEqual([7, 6]);
  });

  it('skips a slot that holds no bytes', async () => {
    const kv = memoryKv();
    const slots = new SaveSlots(kv);
    await slots.write('main', 't', rec(1));
    await slots.write('main', 't', rec(2));
    kv.data.set('main:t:a', { savedAt: 'x', step: 1 });
    expect((await slots.read('main', 't')).map((r) => r.step)).toEqual([2]);
  });
});

describe('which URLs are links to a model', () => {
  it('model settings with accepted values are; backend, threads, language, digit and refused values are not', () => {
    expect(urlNamesModel('?latent=8&beta=4')).toBe(true);
    expect(urlNamesModel('?lr=0.003')).toBe(true);
    expect(urlNamesModel('?backend=wasm&threads=2&lang=zh&digit=7')).toBe(false);
    expect(urlNamesModel('?beta=NaN')).toBe(false);
    expect(urlNamesModel('')).toBe(false);
  });

  it('compares settings, not spelling: a default written out equals no key', () => {
    const c = (s: string) => canonicalModelSettings(parseSettings(s).settings);
    expect(c('?latent=2&lang=zh')).toBe(c(''));
    expect(c('?beta=4')).not.toBe(c('?beta=3'));
  });
});
