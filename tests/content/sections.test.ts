import { describe, expect, it } from 'vitest';
import { findPage, home, neighbours, pageFor, pageLanguage, pages, sectionNumber, sections, sectionsWithoutPage } from '../../src/content/sections';
import { i18n } from '../../src/i18n';
import { LANGUAGE_CODES } from '../../src/i18n/languages';
import { hrefFor, idFromHash } from '../../src/content/router';

const READING_ORDER = ['transform', 'posterior', 'kl', 'reparam', 'essence', 'why-normal', 'elbo', 'cvae'];

describe('sections', () => {
  it('are the eight sections of the article, in reading order', () => {
    expect(sections.map((s) => s.id)).toEqual(READING_ORDER);
  });

  it('have unique, URL-safe ids and, in every language, a title, a summary and a page', () => {
    const ids = pages.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const code of LANGUAGE_CODES) {
      const t = i18n.getFixedT(code);
      for (const p of pages) {
        expect(p.id).toMatch(/^[a-z][a-z-]*$/);
        expect(t(`sections.${p.id}.title`).length, `${code} ${p.id}`).toBeGreaterThan(3);
        expect(t(`sections.${p.id}.summary`).length, `${code} ${p.id}`).toBeGreaterThan(10);
        expect(typeof pageFor(p, code)).toBe('function');
      }
    }
  });

  it('show the English page, marked as English, where a language has none yet', () => {
    expect(sectionsWithoutPage('en')).toEqual([]);
    for (const p of pages) {
      const translated = !sectionsWithoutPage('zh').includes(p.id);
      expect(pageFor(p, 'zh')).toBe(translated ? p.page.zh : p.page.en);
      expect(pageLanguage(p, 'zh')).toBe(translated ? 'zh' : 'en');
    }
  });

  it('have a page in every language: a new section needs its translation', () => {
    for (const code of LANGUAGE_CODES) expect(sectionsWithoutPage(code), code).toEqual([]);
  });

  it('start from the home screen, which leads into section 1', () => {
    expect(pages[0]).toBe(home);
    expect(neighbours(home.id)).toEqual({ prev: undefined, next: sections[0] });
  });

  it('link each page to the one before and after it', () => {
    for (let i = 0; i < sections.length; i++) {
      const { prev, next } = neighbours(READING_ORDER[i]!);
      expect(prev?.id).toBe(i === 0 ? home.id : READING_ORDER[i - 1]);
      expect(next?.id).toBe(READING_ORDER[i + 1]);
    }
    expect(neighbours('cvae').next).toBeUndefined();
    expect(neighbours('no-such-page')).toEqual({});
  });

  it('are numbered 1..8; the home screen has no number', () => {
    expect(sections.map((s) => sectionNumber(s.id))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(sectionNumber(home.id)).toBeUndefined();
  });

  it('are found by route id; an empty route is the home screen and an unknown one is nothing', () => {
    expect(findPage('')).toBe(home);
    expect(findPage('kl')?.id).toBe('kl');
    expect(i18n.getFixedT('en')('sections.kl.title')).toBe('The KL regularizer');
    expect(findPage('nope')).toBeUndefined();
  });
});

describe('hash routes', () => {
  it('read the section id from the hash, tolerating missing or extra slashes and case', () => {
    expect(idFromHash('')).toBe('');
    expect(idFromHash('#')).toBe('');
    expect(idFromHash('#/')).toBe('');
    expect(idFromHash('#/kl')).toBe('kl');
    expect(idFromHash('#kl')).toBe('kl');
    expect(idFromHash('#/why-normal/')).toBe('why-normal');
    expect(idFromHash('#/KL')).toBe('kl');
    expect(idFromHash('#/elbo/derivation')).toBe('elbo');
    expect(idFromHash('#/%E0%A4%A')).toBe('');
  });

  it('round-trip every page through its href', () => {
    for (const p of pages) {
      const id = idFromHash(hrefFor(p.id));
      expect(findPage(id)).toBe(p);
    }
  });

  it('are fragment-only links, so the path and the settings in the query string are kept', () => {
    for (const p of pages) expect(hrefFor(p.id).startsWith('#/')).toBe(true);
  });
});
