// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KlBarsView } from '../../../src/components/instruments/KlBarsView';
import { LossChartView } from '../../../src/components/instruments/LossChartView';
import { ManifoldGridView } from '../../../src/components/instruments/ManifoldGridView';
import { appendHistory } from '../../../src/state/labState';
import { stubCanvasContext } from '../../plots/stubCanvas';
import { byTestId, cleanup, fakeMetrics, fakeSnapshot, makeLab, manualFrames, render } from './fakeLab';

beforeEach(() => stubCanvasContext(null));
afterEach(cleanup);

function train(lab: ReturnType<typeof makeLab>, steps: number, latentDim = 2) {
  act(() => {
    for (let s = 1; s <= steps; s++) {
      const m = fakeMetrics(s, latentDim, s % 10 === 0 ? { testNelbo: 190 - s / 20 } : {});
      lab.store.setState((st) => ({ latest: m, history: appendHistory(st.history, m) }));
    }
  });
}

describe('LossChartView', () => {
  it('draws the history once per frame, however many steps arrived, and follows the toggles', () => {
    const frames = manualFrames();
    const lab = makeLab(2);
    const el = render(lab, <LossChartView />);
    const root = byTestId('loss-chart', el);
    frames.run();
    expect(root.querySelector('path[data-role="raw"]')?.getAttribute('d') ?? '').toBe('');
    train(lab, 40);
    expect(frames.pending()).toBe(1); // 40 store updates, one frame requested
    frames.run();
    const series = Array.from(root.querySelectorAll('[data-role="lines"] g[data-series]'), (g) => g.getAttribute('data-series'));
    expect(series).toEqual(['loss', 'recon', 'kl', 'testNelbo']);
    expect(root.querySelector('[data-series="loss"] path[data-role="raw"]')!.getAttribute('d')!.length).toBeGreaterThan(20);
    expect(root.querySelectorAll('[data-series="testNelbo"] circle[data-role="dot"]')).toHaveLength(4);

    act(() => byTestId<HTMLInputElement>('loss-x-seconds', el).click());
    expect(root.querySelector('[data-role="x-label"]')!.textContent).toBe('training time (s)');
    act(() => byTestId<HTMLInputElement>('loss-smooth', el).click());
    expect(root.querySelector('[data-series="loss"] path[data-role="smoothed"]')).not.toBeNull();
    const linearTicks = root.querySelectorAll('[data-role="y-axis"] .tick').length;
    act(() => byTestId<HTMLInputElement>('loss-log-y', el).click());
    expect(byTestId<HTMLInputElement>('loss-log-y', el).checked).toBe(true);
    expect(root.querySelectorAll('[data-role="y-axis"] .tick').length).not.toBe(linearTicks);
  });

  it('adds the beta * KL curve when beta moves off 1', () => {
    const frames = manualFrames();
    const lab = makeLab(2);
    const el = render(lab, <LossChartView />);
    train(lab, 5);
    act(() => lab.updateSettings({ klWeight: 4 }));
    frames.run();
    const root = byTestId('loss-chart', el);
    expect(root.querySelector('[data-series="betaKl"]')).not.toBeNull();
    expect(root.textContent).toContain('β·KL (β = 4)');
  });
});

describe('KlBarsView', () => {
  it('shows one bar per latent dim from latest.klPerDim and greys the collapsed ones', () => {
    const frames = manualFrames();
    const lab = makeLab(4);
    const el = render(lab, <KlBarsView />);
    train(lab, 3, 4);
    frames.run();
    const root = byTestId('kl-bars', el);
    const bars = Array.from(root.querySelectorAll('rect[data-role="bar"]'));
    expect(bars).toHaveLength(4);
    expect(bars.map((b) => b.getAttribute('data-active'))).toEqual(['false', 'true', 'true', 'true']);
    expect(root.querySelector('[data-role="summary"]')!.textContent).toContain('3 of 4 dimensions active');
  });
});

describe('ManifoldGridView', () => {
  it('decodes the n x n grid across frames and paints it for each snapshot', () => {
    const frames = manualFrames();
    const lab = makeLab(2);
    const el = render(lab, <ManifoldGridView n={7} />);
    const root = byTestId('manifold-grid', el);
    expect(root.dataset.step).toBeUndefined(); // nothing painted before the decoding frame
    frames.run(20);
    expect(root.dataset.step).toBe('0');
    expect(root.querySelectorAll('[data-role="x-ticks"] text').length).toBeGreaterThan(3);
    act(() => lab.store.setState({ snapshot: fakeSnapshot(2, { step: 300, seed: 9 }) }));
    frames.run(20);
    expect(root.dataset.step).toBe('300');
  });

  it('for latent size > 2 sweeps the dims chosen for the map', () => {
    const frames = manualFrames();
    const lab = makeLab(4);
    const el = render(lab, <ManifoldGridView n={5} />);
    frames.run(20);
    act(() => lab.view.setState({ mapDims: [3, 1] }));
    frames.run(20);
    expect(byTestId('manifold-grid', el).querySelector('[data-role="x-label"]')!.textContent).toBe('z4');
    expect(el.textContent).toContain('other dimensions are held at 0');
  });
});
