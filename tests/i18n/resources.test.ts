import { describe, expect, it } from 'vitest';
import { LANGUAGES, SOURCE_LANGUAGE } from '../../src/i18n/languages';
import { RESOURCES } from '../../src/i18n/resources';

/** Every leaf of a resource object as [dotted key, value]. */
function leaves(obj: object, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]]);
}

// Han characters, or CJK/full-width punctuation (a Chinese colon is '：').
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
/** Values that are the same in every language (names, units, symbols); nothing else may be. */
const SAME_IN_EVERY_LANGUAGE = new Set(['app.titlePage']);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('interface strings', () => {
  const source = new Map(leaves(RESOURCES[SOURCE_LANGUAGE]));

  it('the source language has only non-empty strings', () => {
    expect(source.size).toBeGreaterThan(50);
    for (const [key, value] of source) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim().length, key).toBeGreaterThan(0);
    }
  });

  for (const lang of LANGUAGES.filter((l) => l.code !== SOURCE_LANGUAGE)) {
    const other = new Map(leaves(RESOURCES[lang.code]));

    it(`${lang.nameInEnglish} has every English key and no other`, () => {
      expect([...other.keys()].filter((k) => !source.has(k)), 'extra keys').toEqual([]);
      expect([...source.keys()].filter((k) => !other.has(k)), 'missing keys').toEqual([]);
    });

    it(`${lang.nameInEnglish} keeps each string's placeholders`, () => {
      for (const [key, value] of source) {
        expect(placeholders(String(other.get(key))), key).toEqual(placeholders(String(value)));
      }
    });

    it(`${lang.nameInEnglish} leaves no string untranslated`, () => {
      const untranslated = [...other].filter(([key, value]) => {
        if (SAME_IN_EVERY_LANGUAGE.has(key)) return false;
        if (typeof value !== 'string' || !value.trim()) return true;
        // Chinese: a translated string contains Chinese characters; otherwise it must differ from English.
        return lang.code === 'zh' ? !CHINESE.test(value) : value === source.get(key);
      }).map(([key]) => key);
      expect(untranslated).toEqual([]);
    });
  }

  it('the whitelist only holds strings that really are the same everywhere', () => {
    for (const key of SAME_IN_EVERY_LANGUAGE) {
      for (const l of LANGUAGES) expect(new Map(leaves(RESOURCES[l.code])).get(key), `${l.code} ${key}`).toBe(source.get(key));
    }
  });
});
