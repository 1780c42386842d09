// Shared by the tests/i18n/zhPages-*.test.tsx files: renders a page (English or Chinese) with the
// idle lab its section names in jsdom and reads what a translation must keep, and the checks every
// Chinese page gets.
// Each Chinese page must be the English page translated, not a shortened one: the same figures and
// instruments (their data-testids), the same formulas (KaTeX's TeX annotations, which may differ
// only in \text{...} words), and Chinese prose typeset without stray spaces inside CJK runs.
import type { ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import { pages } from '../../src/content/sections';
import { LabsProvider, SectionLab, type Labs } from '../../src/hooks/sectionLab';
import { testLabs } from '../helpers/labs';
import { mountPerTest } from '../helpers/mountPerTest';

/** The lab the section showing this page (in any language) names, as the shell would provide it. */
function labOfPage(Page: ComponentType) {
  const section = pages.find((p) => Object.values(p.page).includes(Page));
  if (!section) throw new Error(`${Page.name} is no section's page`);
  return section.lab;
}

export interface Rendered {
  text: string;
  /** Sorted. */
  testIds: string[];
  tex: string[];
  emTexts: string[];
  /** The page's own prose (lede, headings, paragraphs, list items), without math or the live panels. */
  prose: string[];
  headings: number;
  sections: number;
  paragraphs: number;
  /** Anchors other pages link to (e.g. #true-posterior-section) must survive translation. */
  ids: string[];
  katexErrors: number;
}

/**
 * Registers a fresh container per test; returns the function that renders a page into it.
 * `labs`: the labs to render with (fresh idle ones for each render if not given).
 */
export function pageRenderer(labs?: Labs): (Page: ComponentType) => Rendered {
  const mount = mountPerTest();
  return (Page) => {
    const container = mount.render(<LabsProvider labs={labs ?? testLabs()}><SectionLab name={labOfPage(Page)}><Page /></SectionLab></LabsProvider>);
    const all = (selector: string) => [...container.querySelectorAll(selector)];
    const result: Rendered = {
      text: container.textContent ?? '',
      testIds: all('[data-testid]').map((e) => e.getAttribute('data-testid') ?? '').sort(),
      tex: all('annotation[encoding="application/x-tex"]').map((a) => a.textContent ?? ''),
      emTexts: all('em').map((e) => e.textContent ?? ''),
      prose: all(':scope > p, :scope > section > h2, :scope > section > p, :scope > section > ol > li, :scope > section > ul > li').map((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.katex').forEach((k) => k.remove());
        return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
      }),
      headings: all('h2').length,
      sections: all('section.page-section').length,
      paragraphs: all('p').length,
      ids: all('section[id]').map((e) => e.id),
      katexErrors: all('.katex-error').length,
    };
    mount.render(<></>);
    return result;
  };
}

// \text{...} holds words a reader reads, translated with the prose; everything else is shared math.
export const withoutTextWords = (tex: string) => tex.replace(/\\text\{[^{}]*\}/g, '\\text{}');
export const CJK = /[\u4e00-\u9fff]/;
const CJK_OR_PUNCT = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”]';
export const SPACE_INSIDE_CJK = new RegExp(`${CJK_OR_PUNCT}\\s+${CJK_OR_PUNCT}`);

/**
 * The checks every Chinese page gets against its English page. `paragraphsAndAnchors`: also the
 * same number of paragraphs, the same section anchors, and no KaTeX error.
 */
export function describeTranslations(
  render: (Page: ComponentType) => Rendered,
  pairs: Array<[string, ComponentType, ComponentType]>,
  opts: { paragraphsAndAnchors?: boolean } = {},
): void {
  describe.each(pairs)('Chinese %s', (_name, English, Chinese) => {
    it('is a full translation with the same figures and formulas', () => {
      const en = render(English);
      const zh = render(Chinese);
      expect(en.text).not.toMatch(CJK);
      expect(en.testIds.length).toBeGreaterThan(0);
      expect(en.tex.length).toBeGreaterThan(0);
      expect((zh.text.match(/[\u4e00-\u9fff]/g) ?? []).length).toBeGreaterThan(300);
      expect(zh.testIds).toEqual(en.testIds);
      expect(zh.tex.length).toBe(en.tex.length);
      // Sorted: Chinese word order may move an inline symbol within a sentence.
      expect(zh.tex.map(withoutTextWords).sort()).toEqual(en.tex.map(withoutTextWords).sort());
      expect(zh.headings).toBe(en.headings);
      expect(zh.sections).toBe(en.sections);
      if (opts.paragraphsAndAnchors) {
        expect(zh.paragraphs).toBe(en.paragraphs);
        expect(zh.ids).toEqual(en.ids);
        expect(zh.katexErrors).toBe(0);
      }
    });

    it('reads as Chinese: no spaces inside CJK runs, no italics on Chinese words', () => {
      const zh = render(Chinese);
      const stray = zh.text.match(SPACE_INSIDE_CJK);
      expect(stray?.[0] ?? null).toBeNull();
      expect(zh.emTexts.filter((t) => CJK.test(t))).toEqual([]);
    });
  });
}
