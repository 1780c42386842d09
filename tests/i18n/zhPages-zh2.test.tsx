// @vitest-environment jsdom
import { act, type ComponentType } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabController } from '../../src/hooks/labController';
import { LabContext } from '../../src/hooks/useLab';
import { EssencePage } from '../../src/pages/EssencePage';
import { IntroPage } from '../../src/pages/IntroPage';
import { WhyNormalPage } from '../../src/pages/WhyNormalPage';
import { EssencePage as EssencePageZh } from '../../src/pages/zh/EssencePage';
import { IntroPage as IntroPageZh } from '../../src/pages/zh/IntroPage';
import { WhyNormalPage as WhyNormalPageZh } from '../../src/pages/zh/WhyNormalPage';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Each Chinese page is checked against its English original rendered the same way, so a
// figure, test hook or equation dropped (or added) in translation fails here.

function idleLab(): LabController {
  return new LabController(
    { latentDim: 2, hiddenDim: 16, conditional: false, reconLoss: 'bce', reconReduction: 'sum', seed: 1 },
    { learningRate: 1e-3, batchSize: 128, klWeight: 1 },
    'cpu',
    'http://localhost/data/',
  );
}

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

interface Rendered {
  testIds: string[];
  tex: string[];
  /** The page's own prose (lede, headings, paragraphs, list items), without math or the live panels. */
  prose: string[];
}

function renderPage(Page: ComponentType): Rendered {
  act(() => root.render(<LabContext.Provider value={idleLab()}><Page /></LabContext.Provider>));
  const testIds = [...container.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid') ?? '');
  const tex = [...container.querySelectorAll('annotation[encoding="application/x-tex"]')].map((a) => a.textContent ?? '');
  const prose = [...container.querySelectorAll(':scope > p, :scope > section > h2, :scope > section > p, :scope > section > ol > li, :scope > section > ul > li')].map((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.katex').forEach((k) => k.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
  return { testIds, tex, prose };
}

// Words a reader reads inside \text{...} are translated; everything else in a formula is shared.
const withoutTextWords = (tex: string) => tex.replace(/\\text\{[^}]*\}/g, '\\text{}');

const CJK = /[\u4e00-\u9fff]/;
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
    expect(container.querySelector('.katex-error')).toBeNull();
  });
});
