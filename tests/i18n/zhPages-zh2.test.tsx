// @vitest-environment jsdom
import type { ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import { EssencePage } from '../../src/pages/EssencePage';
import { IntroPage } from '../../src/pages/IntroPage';
import { WhyNormalPage } from '../../src/pages/WhyNormalPage';
import { EssencePage as EssencePageZh } from '../../src/pages/zh/EssencePage';
import { IntroPage as IntroPageZh } from '../../src/pages/zh/IntroPage';
import { WhyNormalPage as WhyNormalPageZh } from '../../src/pages/zh/WhyNormalPage';
import { CJK, pageRenderer, withoutTextWords } from './zhPageHarness';

// Each Chinese page is checked against its English original rendered the same way, so a
// figure, test hook or equation dropped (or added) in translation fails here.
const renderPage = pageRenderer();

// Four Latin words in a row outside math would be an untranslated phrase. The English terms
// glossed in full-width brackets at first use, e.g. （evidence lower bound, ELBO）, are meant to
// be there and are left out of this check; a title such as "Auto-Encoding Variational Bayes" is shorter.
const englishRun = /[A-Za-z0-9’'-]+(?:[ ,]+[A-Za-z0-9’'-]+){3,}/;
const withoutGlosses = (text: string) => text.replace(/（[^（）\u4e00-\u9fff]*）/g, '');

const cases: [string, ComponentType, ComponentType][] = [
  ['EssencePage', EssencePage, EssencePageZh],
  ['WhyNormalPage', WhyNormalPage, WhyNormalPageZh],
  ['IntroPage', IntroPage, IntroPageZh],
];

describe.each(cases)('the Chinese %s', (_name, English, Chinese) => {
  it('is Chinese prose throughout, with every test hook and formula of the English page', () => {
    const en = renderPage(English);
    const zh = renderPage(Chinese);

    expect(zh.prose.length).toBe(en.prose.length);
    for (const text of zh.prose) {
      expect(text, text).toMatch(CJK);
      expect(withoutGlosses(text).match(englishRun)?.[0], text).toBeUndefined();
    }

    expect(en.testIds.length).toBeGreaterThan(0);
    expect([...zh.testIds].sort()).toEqual([...en.testIds].sort());

    expect(en.tex.length).toBeGreaterThan(0);
    expect(zh.tex.length).toBe(en.tex.length);
    expect(zh.tex.map(withoutTextWords)).toEqual(en.tex.map(withoutTextWords));
    expect(zh.katexErrors).toBe(0);
  });
});
