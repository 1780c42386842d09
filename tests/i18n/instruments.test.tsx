// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CvaeAccuracy } from '../../src/components/instruments/CvaeAccuracy';
import { CvaeClassPicker } from '../../src/components/instruments/CvaeClassPicker';
import { CvaeClassRows } from '../../src/components/instruments/CvaeClassRows';
import { CvaeModelControls } from '../../src/components/instruments/CvaeModelControls';
import { DrawDigitPad } from '../../src/components/instruments/DrawDigitPad';
import { InterpolationView } from '../../src/components/instruments/InterpolationView';
import { KlBarsView } from '../../src/components/instruments/KlBarsView';
import { LatentMapView } from '../../src/components/instruments/LatentMapView';
import { LatentSliders } from '../../src/components/instruments/LatentSliders';
import { LossChartView } from '../../src/components/instruments/LossChartView';
import { ManifoldGridView } from '../../src/components/instruments/ManifoldGridView';
import { ReconstructionsView } from '../../src/components/instruments/ReconstructionsView';
import { TruePosteriorView } from '../../src/components/instruments/TruePosteriorView';
import { MeanSigmaTrace } from '../../src/components/MeanSigmaTrace';
import { PosteriorSampler } from '../../src/components/PosteriorSampler';
import { i18n } from '../../src/i18n';
import { appendHistory } from '../../src/state/labState';
import { byTestId, cleanup, fakeMetrics, makeLab, manualFrames, render } from '../components/instruments/fakeLab';
import { stubCanvasContext } from '../plots/stubCanvas';

// Every word the instruments show or announce (text, aria-label, title, SVG text drawn by the
// plots) in Chinese, once the language is switched, and back in English after switching back,
// without remounting anything.

const CJK = /[\u4e00-\u9fff]/;
/** Language-neutral tokens: model names, math, and the file-format word MNIST. */
// Key names (the draw pad's keyboard help) are printed on the keys, not translated.
const NEUTRAL = new Set(['KL', 'ELBO', 'MNIST', 'CVAE', 'VAE', 'log', 'worker', 'Shift', 'Space']);

function readerText(el: HTMLElement): string[] {
  const parts = [el.textContent ?? ''];
  for (const node of el.querySelectorAll('[aria-label], [title], title')) {
    parts.push(node.getAttribute('aria-label') ?? '', node.getAttribute('title') ?? '');
    if (node.tagName.toLowerCase() === 'title') parts.push(node.textContent ?? '');
  }
  return parts.filter((p) => p.trim() !== '');
}

/** English words (3+ Latin letters) that are not math or a neutral name. */
function englishLeftovers(parts: string[]): string[] {
  return parts.flatMap((p) => p.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !NEUTRAL.has(w));
}

function train(lab: ReturnType<typeof makeLab>, steps: number) {
  act(() => {
    for (let s = 1; s <= steps; s++) {
      const m = fakeMetrics(s, 2, s % 10 === 0 ? { testNelbo: 190 - s / 20 } : {});
      lab.store.setState((st) => ({ latest: m, history: appendHistory(st.history, m) }));
    }
  });
}

beforeEach(() => {
  stubCanvasContext(null);
  act(() => void i18n.changeLanguage('zh'));
});
afterEach(() => {
  cleanup();
  act(() => void i18n.changeLanguage('en'));
});

describe('the instruments in Chinese', () => {
  it('the main VAE’s instruments leave no English among their words, and switch back to English in place', () => {
    const frames = manualFrames();
    const lab = makeLab(2);
    const el = render(lab, (
      <>
        <LossChartView />
        <KlBarsView />
        <LatentMapView showDrawn showZ showAggregate={false} />
        <LatentSliders />
        <ReconstructionsView />
        <ManifoldGridView n={5} />
        <InterpolationView />
        <DrawDigitPad />
        <PosteriorSampler />
        <MeanSigmaTrace />
        <TruePosteriorView />
      </>
    ));
    train(lab, 40);
    act(() => byTestId<HTMLButtonElement>('posterior-sampler-draw', el).click());
    act(() => lab.view.setState({ selectedIndex: 3 }));
    frames.run(5);

    const zh = readerText(el);
    expect(zh.join(' ')).toMatch(CJK);
    expect(englishLeftovers(zh)).toEqual([]);
    // The plots' own SVG words came in from their components.
    expect(byTestId('loss-chart', el).querySelector('[data-role="x-label"]')!.textContent).toBe('训练步数');
    expect(byTestId('loss-chart', el).textContent).toContain('总损失');
    expect(byTestId('kl-bars', el).querySelector('[data-role="summary"]')!.textContent).toBe('2 个维度中有 1 个在用（KL ≥ 0.1 奈特）');
    expect(byTestId('kl-bars', el).querySelector('[data-role="y-label"]')!.textContent).toBe('KL（奈特）');

    act(() => void i18n.changeLanguage('en'));
    frames.run(5);
    const en = readerText(el).join(' ');
    expect(en).not.toMatch(CJK);
    expect(byTestId('loss-chart', el).querySelector('[data-role="x-label"]')!.textContent).toBe('training step');
    expect(byTestId('kl-bars', el).querySelector('[data-role="summary"]')!.textContent).toBe('1 of 2 dimensions active (KL ≥ 0.1 nats)');
    expect(en).toContain('resample the prior');
  });

  it('the CVAE’s instruments too', () => {
    const lab = makeLab(2, { conditional: true });
    const el = render(lab, (
      <>
        <CvaeModelControls />
        <CvaeClassPicker />
        <CvaeClassRows />
        <CvaeAccuracy />
      </>
    ));
    act(() => lab.store.setState({
      classifier: { state: 'ready', testAccuracy: 0.9761 },
      classAccuracy: { step: 1500, accuracy: 0.937, perClass: [1, 0.9, 0.95, 0.9, 0.92, 0.88, 0.97, 0.95, 0.9, 1] },
    }));
    const zh = readerText(el);
    expect(zh.join(' ')).toMatch(CJK);
    expect(englishLeftovers(zh)).toEqual([]);
    expect(byTestId('cvae-accuracy', el).textContent).toBe('93.7%');
  });
});
