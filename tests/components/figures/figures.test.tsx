// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GradientEstimatorsFigure } from '../../../src/components/figures/GradientEstimatorsFigure';
import { KlDivergenceFigure } from '../../../src/components/figures/KlDivergenceFigure';
import { KlFitFigure } from '../../../src/components/figures/KlFitFigure';
import { mountPerTest } from '../../helpers/mountPerTest';

/** A hand-cranked requestAnimationFrame, so tests decide when frames happen. */
let frames = new Map<number, FrameRequestCallback>();
let nextFrame = 1;
beforeEach(() => {
  frames = new Map();
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    frames.set(nextFrame, cb);
    return nextFrame++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
});
function runFrames(n: number) {
  for (let i = 0; i < n; i++) {
    const pending = [...frames.entries()];
    frames.clear();
    act(() => pending.forEach(([, cb]) => cb(performance.now())));
  }
}

const mount = mountPerTest({ strict: true });
function render(node: React.ReactNode) {
  mount.unmount();
  mount.render(node);
}
afterEach(() => {
  // Unmount while the frame stubs are still in place: a figure cancels its pending frame.
  mount.unmount();
  vi.unstubAllGlobals();
});

const byTestId = (id: string) => {
  const el = mount.container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no [data-testid="${id}"]`);
  return el;
};
/** Sets a controlled input's value the way a user would, so React's onChange fires. */
function setRange(id: string, value: number) {
  const input = byTestId(id) as HTMLInputElement;
  act(() => {
    // The prototype's setter, past React's own on the element, so React sees a change.
    Reflect.set(HTMLInputElement.prototype, 'value', String(value), input);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const click = (id: string) => act(() => byTestId(id).click());

describe('GradientEstimatorsFigure', () => {
  it('renders one SVG per plot under StrictMode and reports variances', () => {
    render(<GradientEstimatorsFigure />);
    expect(byTestId('fig-gradient-histograms').querySelectorAll('svg')).toHaveLength(1);
    expect(byTestId('fig-gradient-step').querySelectorAll('svg')).toHaveLength(1);
    // f = z^2 at mu = 1: true gradient 2, and the score function is far more variable
    expect(byTestId('fig-gradient-true').textContent).toBe('2.000');
    const reparamVar = Number(byTestId('fig-gradient-var-reparam').textContent);
    const scoreVar = Number(byTestId('fig-gradient-var-score').textContent);
    expect(scoreVar).toBeGreaterThan(reparamVar);
  });

  it('follows the sliders and the batch button, and steps through eps draws', () => {
    render(<GradientEstimatorsFigure />);
    setRange('fig-gradient-mu', -1.5);
    expect(byTestId('fig-gradient-true').textContent).toBe('-3.000');
    const before = byTestId('fig-gradient-var-score').textContent;
    click('fig-gradient-draw-batch');
    expect(byTestId('fig-gradient-var-score').textContent).not.toBe(before);

    expect(mount.container.querySelector('[data-role="z-dot"]')).toBeNull();
    click('fig-gradient-draw-eps');
    expect(mount.container.querySelector('[data-role="z-dot"]')).not.toBeNull();
    expect(byTestId('fig-gradient-eps-readout').textContent).toMatch(/ε = -?\d/);
  });
});

describe('KlDivergenceFigure', () => {
  it('shows infinity with its reason for a normal p against a uniform q, and finite the other way', () => {
    render(<KlDivergenceFigure />);
    expect(byTestId('fig-kl-pq-value').textContent).toBe('∞');
    expect(byTestId('fig-kl-pq-reason').textContent).toContain('(−∞, −2.0)');
    expect(byTestId('fig-kl-qp-value').textContent).toMatch(/nats$/);
    expect(mount.container.querySelectorAll('[data-role="infinite-region"]')).toHaveLength(2);
  });

  it('gives matching finite numbers for two normals', () => {
    render(<KlDivergenceFigure />);
    click('fig-kl-preset-two-normals');
    expect(mount.container.querySelectorAll('[data-role="infinite-region"]')).toHaveLength(0);
    expect(byTestId('fig-kl-pq-value').textContent).toBe(byTestId('fig-kl-pq-closed').textContent);
    click('fig-kl-q-kind-uniform');
    expect(byTestId('fig-kl-pq-value').textContent).toBe('∞');
  });

  it('keeps a uniform\'s ends in order when one is dragged past the other', () => {
    render(<KlDivergenceFigure />);
    click('fig-kl-preset-two-uniforms');
    setRange('fig-kl-p-a', 3);
    expect(Number((byTestId('fig-kl-p-b') as HTMLInputElement).value)).toBeGreaterThan(3);
  });
});

describe('KlFitFigure', () => {
  it('fits on animation frames, pauses, steps, resets, and leaves no frame pending on unmount', () => {
    render(<KlFitFigure />);
    expect(byTestId('fig-klfit-reverse-plot').querySelectorAll('svg')).toHaveLength(1);
    expect(byTestId('fig-klfit-steps').textContent).toBe('0');
    click('fig-klfit-play');
    expect(frames.size).toBe(1); // StrictMode's double effect did not leave two loops
    runFrames(10);
    expect(byTestId('fig-klfit-steps').textContent).toBe('20');
    click('fig-klfit-play'); // pause
    expect(frames.size).toBe(0);
    click('fig-klfit-step');
    expect(byTestId('fig-klfit-steps').textContent).toBe('21');
    click('fig-klfit-reset');
    expect(byTestId('fig-klfit-steps').textContent).toBe('0');
    click('fig-klfit-play');
    runFrames(3);
    mount.unmount();
    expect(frames.size).toBe(0);
  });

  it('with reduced motion, shows only the converged fit, not its path', () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('reduce'), media: query, addEventListener: () => undefined, removeEventListener: () => undefined }));
    render(<KlFitFigure />);
    click('fig-klfit-play');
    const shown = new Set<string>();
    for (let i = 0; i < 2000 && frames.size > 0; i++) {
      runFrames(1);
      shown.add(byTestId('fig-klfit-steps').textContent ?? '');
    }
    expect(frames.size).toBe(0);
    expect(byTestId('fig-klfit-status').textContent).toContain('Converged');
    // Only the start and the end were ever on screen.
    expect([...shown].filter((v) => v !== '0')).toHaveLength(1);
    expect(Number((byTestId('fig-klfit-steps').textContent ?? '').replace(/[^0-9]/g, ''))).toBeGreaterThan(100);
  });

  it('runs to convergence: reverse under one mode, forward over both', () => {
    render(<KlFitFigure />);
    click('fig-klfit-play');
    for (let i = 0; i < 60 && frames.size > 0; i++) runFrames(50);
    expect(byTestId('fig-klfit-status').textContent).toContain('Converged');
    expect(frames.size).toBe(0);
    // Play stays focusable but does nothing until the target changes or the fit is reset
    expect(byTestId('fig-klfit-play').getAttribute('aria-disabled')).toBe('true');
    click('fig-klfit-play');
    expect(frames.size).toBe(0);
    setRange('fig-klfit-weight', 0.3);
    click('fig-klfit-play');
    expect(frames.size).toBe(1);
    // separation 7, start at 1: reverse sits at the right mode (+3.5), forward spans both
    // (variance 1 + 3.5^2 = 13.25)
    expect(Number(byTestId('fig-klfit-reverse-mu').textContent)).toBeCloseTo(3.5, 1);
    expect(Number(byTestId('fig-klfit-reverse-sigma').textContent)).toBeCloseTo(1, 1);
    expect(Number(byTestId('fig-klfit-forward-mu').textContent)).toBeCloseTo(0, 2);
    expect(Number(byTestId('fig-klfit-forward-sigma').textContent)).toBeCloseTo(Math.sqrt(13.25), 2);
  });
});
