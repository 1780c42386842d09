// @vitest-environment jsdom
import { act, type ComponentType } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LabController } from '../../src/hooks/labController';
import { getCvaeLab } from '../../src/hooks/labs';
import { LabContext } from '../../src/hooks/useLab';
import { CvaePage } from '../../src/pages/CvaePage';
import { KlPage } from '../../src/pages/KlPage';
import { CvaePage as ZhCvaePage } from '../../src/pages/zh/CvaePage';
import { KlPage as ZhKlPage } from '../../src/pages/zh/KlPage';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Each Chinese page must be the English page translated, not a shortened one: the same figures and
// instruments (their data-testids), the same formulas (KaTeX's TeX annotations, which may differ
// only in \text{...} words), and Chinese prose typeset without stray spaces inside CJK runs.

// The CVAE page starts its own lab's worker; jsdom has no Worker, so that lab is an idle one too.
vi.mock('../../src/hooks/labs', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/hooks/labs')>();
  const { LabController: Lab } = await import('../../src/hooks/labController');
  let cvae: InstanceType<typeof Lab> | null = null;
  return {
    ...original,
    getCvaeLab: () => (cvae ??= new Lab(
      { latentDim: 2, hiddenDim: 16, conditional: true, reconLoss: 'bce', reconReduction: 'sum', seed: 1 },
      { learningRate: 1e-3, batchSize: 128, klWeight: 1 },
      'cpu',
      'http://localhost/data/',
      'cvae',
    )),
  };
});

// A lab that is never connected: no worker starts, the panels show their "loading" state.
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

interface Rendered { text: string; testIds: string[]; tex: string[]; emTexts: string[]; headings: number; sections: number }

function renderPage(Page: ComponentType): Rendered {
  act(() => root.render(<LabContext.Provider value={idleLab()}><Page /></LabContext.Provider>));
  const testIds = [...container.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid') ?? '').sort();
  const tex = [...container.querySelectorAll('annotation[encoding="application/x-tex"]')].map((a) => a.textContent ?? '');
  const emTexts = [...container.querySelectorAll('em')].map((e) => e.textContent ?? '');
  const result = {
    text: container.textContent ?? '',
    testIds,
    tex,
    emTexts,
    headings: container.querySelectorAll('h2').length,
    sections: container.querySelectorAll('section.page-section').length,
  };
  act(() => root.render(<></>));
  return result;
}

// \text{...} holds words a reader reads, translated with the prose; everything else is shared math.
const withoutTextWords = (tex: string) => tex.replace(/\\text\{[^{}]*\}/g, '\\text{}');
const CJK = /[\u4e00-\u9fff]/;
const CJK_OR_PUNCT = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”]';
const SPACE_INSIDE_CJK = new RegExp(`${CJK_OR_PUNCT}\\s+${CJK_OR_PUNCT}`);

const pairs: Array<[string, ComponentType, ComponentType]> = [
  ['KlPage', KlPage, ZhKlPage],
  ['CvaePage', CvaePage, ZhCvaePage],
];

describe.each(pairs)('Chinese %s', (_name, English, Chinese) => {
  it('is a full translation with the same figures and formulas', () => {
    const en = renderPage(English);
    const zh = renderPage(Chinese);
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
  });

  it('reads as Chinese: no spaces inside CJK runs, no italics on Chinese words', () => {
    const zh = renderPage(Chinese);
    const stray = zh.text.match(SPACE_INSIDE_CJK);
    expect(stray?.[0] ?? null).toBeNull();
    expect(zh.emTexts.filter((t) => CJK.test(t))).toEqual([]);
  });
});

describe('Chinese CvaePage, once the classifier has scored the reader’s model', () => {
  it('states the live accuracy in Chinese, under the same test hook as the English page', () => {
    act(() => getCvaeLab().store.setState({ classAccuracy: { step: 1500, accuracy: 0.913, perClass: Array(10).fill(0.913) } }));
    const en = renderPage(CvaePage);
    const zh = renderPage(ZhCvaePage);
    expect(en.testIds).toContain('cvae-accuracy-prose');
    expect(zh.testIds).toEqual(en.testIds);
    expect(zh.text).toMatch(/你的模型此刻（原文的 CVAE，隐变量维数 2，第 1,500 步）：生成的样本中有 91\.3% 被认作生成时指定的类别。/);
    expect(zh.text.match(SPACE_INSIDE_CJK)?.[0] ?? null).toBeNull();
  });
});
