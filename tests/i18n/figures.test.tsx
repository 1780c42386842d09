// @vitest-environment jsdom
import { act, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ElboGapFigure } from '../../src/components/figures/ElboGapFigure';
import { GradientEstimatorsFigure } from '../../src/components/figures/GradientEstimatorsFigure';
import { GreySmudgeFigure, type SmudgeWorkerLike } from '../../src/components/figures/GreySmudgeFigure';
import { KlDivergenceFigure } from '../../src/components/figures/KlDivergenceFigure';
import { KlFitFigure } from '../../src/components/figures/KlFitFigure';
import { KlPartsFigure } from '../../src/components/figures/KlPartsFigure';
import { NotationBox } from '../../src/components/NotationBox';
import { i18n } from '../../src/i18n';
import { cleanup, makeLab, recordingCanvas, render as renderWithLab } from '../components/instruments/fakeLab';
import { byTestId, click, render } from '../components/figures/renderFigure';

/**
 * Every word a reader sees in the figures (text, aria-labels, the plots' SVG text and accessible
 * names) must be Chinese once the language is; what may stay Latin is math and names: symbols,
 * KL / ELBO / VAE, log, sin, cos, REINFORCE, RMS, the command npm run pretrain.
 */
const ALLOWED_LATIN = /\b(KL|ELBO|VAE|REINFORCE|RMS|log|sin|cos|diag|npm|run|pretrain)\b/g;
const CHINESE = /\p{Script=Han}/u;

function visibleText(root: Element): string {
  const labels = [...root.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label') ?? '');
  const titles = [...root.querySelectorAll('[title]')].map((el) => el.getAttribute('title') ?? '');
  // KaTeX's MathML annotation repeats the TeX source; it is math, not prose.
  const clone = root.cloneNode(true) as Element;
  clone.querySelectorAll('annotation, .katex-mathml').forEach((el) => el.remove());
  // Text node by text node: SVG labels sit side by side without spaces between them.
  const walker = document.createTreeWalker(clone, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.textContent ?? '');
  return [...texts, ...labels, ...titles].join('\n');
}

function englishLeftovers(text: string): string[] {
  return [...text.replace(ALLOWED_LATIN, '').matchAll(/[A-Za-z]{3,}/g)].map((m) => m[0]);
}

function expectChinese(root: Element) {
  const text = visibleText(root);
  expect(text).toMatch(CHINESE);
  expect(englishLeftovers(text), text).toEqual([]);
}

beforeEach(() => {
  act(() => void i18n.changeLanguage('zh'));
});
afterEach(() => {
  act(() => void i18n.changeLanguage('en'));
  cleanup();
});

const simple: Array<[string, () => ReactNode, string]> = [
  ['KlPartsFigure', () => <KlPartsFigure />, 'fig-kl-parts'],
  ['ElboGapFigure', () => <ElboGapFigure />, 'fig-elbo-gap'],
  ['KlDivergenceFigure', () => <KlDivergenceFigure />, 'fig-kl'],
  ['KlFitFigure', () => <KlFitFigure />, 'fig-klfit'],
  ['GradientEstimatorsFigure', () => <GradientEstimatorsFigure />, 'fig-gradient'],
  ['NotationBox', () => <NotationBox />, 'notation'],
];

describe('the figures in Chinese', () => {
  for (const [name, node, testId] of simple) {
    it(`${name} shows no English words`, () => {
      render(node());
      expectChinese(byTestId(testId));
    });
  }

  it('the plots redraw in the new language without remounting', () => {
    act(() => void i18n.changeLanguage('en'));
    render(<GradientEstimatorsFigure />);
    const plot = byTestId('fig-gradient-histograms');
    expect(plot.textContent).toContain('true gradient');
    act(() => void i18n.changeLanguage('zh'));
    expect(byTestId('fig-gradient-histograms')).toBe(plot);
    expect(plot.textContent).toContain('真实梯度');
    expect(plot.textContent).not.toContain('true gradient');
    expect(byTestId('fig-gradient-draw-eps').textContent).toBe('抽取 ε');
  });

  it('the other states read in Chinese too: a drawn ε, a linear decoder, a uniform q, a running fit', () => {
    render(
      <>
        <GradientEstimatorsFigure />
        <ElboGapFigure />
        <KlDivergenceFigure />
        <KlFitFigure />
      </>,
    );
    click('fig-gradient-draw-eps');
    click('fig-gradient-objective-sine');
    click('fig-elbo-gap-decoder-linear');
    click('fig-kl-preset-two-uniforms');
    click('fig-klfit-step');
    for (const id of ['fig-gradient', 'fig-elbo-gap', 'fig-kl', 'fig-klfit']) expectChinese(byTestId(id));
    expect(byTestId('fig-klfit-status').textContent).toBe('已暂停');
  });

  it('GreySmudgeFigure shows no English words', () => {
    recordingCanvas();
    const worker: SmudgeWorkerLike = { onmessage: null, postMessage: () => {}, terminate: () => {} };
    const lab = makeLab(2);
    renderWithLab(lab, <GreySmudgeFigure createWorker={() => worker} />);
    const figure = document.querySelector('[data-testid="fig-smudge"]');
    expect(figure).toBeTruthy();
    expect(document.querySelector('[data-testid="fig-smudge-train"]')?.textContent).toBe('训练这条捷径');
    // The model's source name is the lab's own state text (not this figure's words): left out.
    const source = lab.store.getState().modelSource;
    const text = visibleText(figure!).split(source || '\u0000').join('');
    expect(document.querySelector('[data-testid="fig-smudge-real-model"]')?.textContent).toContain('第 0 步');
    expect(text).toMatch(CHINESE);
    expect(englishLeftovers(text), text).toEqual([]);
  });
});
