/**
 * A single Gaussian q fitted live to a two-mode target p, under reverse KL(q || p) (what the
 * VAE's ELBO minimizes: mode-seeking) and forward KL(p || q) (mass-covering), side by side.
 * For the ELBO page.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n';
import {
  fitStep,
  forwardKl,
  reverseKl,
  targetMoments,
  type GaussianParams,
  type TwoModeTarget,
} from '../../toy/klFit';
import { KlFitPlot } from '../../plots/klFitPlot';
import { RangeControl } from './RangeControl';
import { prefersReducedMotion, useFrameScheduler } from '../frameScheduler';
import { usePlot } from '../usePlot';
import './figures.css';

const LEARNING_RATE = 0.04;
const STEPS_PER_FRAME = 2;
/** Both fits count as converged once no parameter moves more than this in a step. */
const CONVERGED_STEP = 1e-5;
const START_SIGMA = 1;
/**
 * Modes 7 apart (component sd 1) are well separated: reverse KL's only minima sit under one mode.
 * Below about 5 apart its best q is one broad bump; around 5-6 both are local minima.
 */
const DEFAULT_SEPARATION = 7;
const DEFAULT_START_MU = 1;
/**
 * With reduced motion the fit is computed without drawing its path, in slices of at most this many
 * ms a frame (the page stays responsive), and only the result is shown.
 */
const STILL_SLICE_MS = 8;
/** A still fit that has not converged by then stops there, as a pause would; Play goes on from it. */
const STILL_MAX_STEPS = 50000;

interface FitState {
  reverse: GaussianParams;
  forward: GaussianParams;
  steps: number;
  converged: boolean;
}

function startState(startMu: number): FitState {
  const q = { mu: startMu, logSigma: Math.log(START_SIGMA) };
  return { reverse: q, forward: q, steps: 0, converged: false };
}

/** Pure, so React may call it twice in StrictMode. */
function advance(state: FitState, target: TwoModeTarget, steps: number): FitState {
  let { reverse, forward } = state;
  let largest = 0;
  for (let i = 0; i < steps; i++) {
    const r = fitStep('reverse', target, reverse, LEARNING_RATE);
    const f = fitStep('forward', target, forward, LEARNING_RATE);
    reverse = r.params;
    forward = f.params;
    largest = Math.max(r.stepSize, f.stepSize);
  }
  return { reverse, forward, steps: state.steps + steps, converged: largest < CONVERGED_STEP };
}

const fmt = (v: number) => v.toFixed(3);

function Panel({
  direction,
  target,
  q,
}: {
  direction: 'reverse' | 'forward';
  target: TwoModeTarget;
  q: GaussianParams;
}) {
  const { t } = useTranslation();
  const title = direction === 'reverse' ? t('figures.klFit.reverse') : t('figures.klFit.forward');
  // A new describe with each language (title changes), so the plot's accessible name follows it.
  const describe = useMemo(() => (mu: string, sigma: string) => t('figures.klFit.plotAria', { label: title, mu, sigma }), [t, title]);
  const data = useMemo(() => ({ target, q, describe }), [target, q, describe]);
  const { ref: plotRef } = usePlot((root) => new KlFitPlot(root, { label: title }), { data });
  const kl = direction === 'reverse' ? reverseKl(target, q).value : forwardKl(target, q).value;
  const id = `fig-klfit-${direction}`;
  return (
    <div data-testid={`${id}-panel`}>
      <h4 style={{ margin: '0.25rem 0', fontSize: '0.95rem' }}>{title}</h4>
      <div className="toy-plot" ref={plotRef} data-testid={`${id}-plot`} />
      <p className="toy-readout" style={{ margin: 0 }}>
        KL = <span data-testid={`${id}-kl`}>{fmt(kl)}</span>{t('figures.klFit.natsSep')}μ = <span data-testid={`${id}-mu`}>{fmt(q.mu)}</span> · σ ={' '}
        <span data-testid={`${id}-sigma`}>{fmt(Math.exp(q.logSigma))}</span>
      </p>
    </div>
  );
}

export function KlFitFigure() {
  const [separation, setSeparation] = useState(DEFAULT_SEPARATION);
  const [leftWeight, setLeftWeight] = useState(0.5);
  const [startMu, setStartMu] = useState(DEFAULT_START_MU);
  const [playing, setPlaying] = useState(false);
  const [fit, setFit] = useState(() => startState(DEFAULT_START_MU));

  const target = useMemo<TwoModeTarget>(() => ({ separation, leftWeight, componentSd: 1 }), [separation, leftWeight]);
  const moments = targetMoments(target);
  const { t } = useTranslation();

  // The animation loop: a few steps per frame (a task that reschedules itself), cancelled on
  // pause, target change and unmount.
  const frames = useFrameScheduler();
  const still = prefersReducedMotion();
  useEffect(() => {
    if (!playing || still) return;
    const tick = () => {
      setFit((s) => advance(s, target, STEPS_PER_FRAME));
      frames.schedule(tick);
    };
    frames.schedule(tick);
    return frames.cancel;
  }, [playing, still, target, frames]);
  // Reduced motion: the same steps, sliced across frames but drawn once, when they end.
  useEffect(() => {
    if (!playing || !still) return;
    let s = fit;
    const stop = fit.steps + STILL_MAX_STEPS;
    const tick = () => {
      const started = performance.now();
      while (!s.converged && s.steps < stop && performance.now() - started < STILL_SLICE_MS) s = advance(s, target, STEPS_PER_FRAME);
      if (s.converged || s.steps >= stop) {
        setFit(s);
        setPlaying(false);
      } else {
        frames.schedule(tick);
      }
    };
    frames.schedule(tick);
    return frames.cancel;
  }, [playing, still, fit, target, frames]);

  // Converging stops the loop (React's "adjust state when other state changes" pattern).
  if (fit.converged && playing) setPlaying(false);

  const changeTarget = (update: () => void) => {
    update();
    setFit((s) => ({ ...s, converged: false }));
  };
  const reset = (mu = startMu) => {
    setPlaying(false);
    setFit(startState(mu));
  };

  return (
    <figure className="toy-figure" data-testid="fig-klfit">
      <h3>{t('figures.klFit.title')}</h3>
      <p className="toy-caption">{t('figures.klFit.caption')}</p>
      <div className="toy-controls">
        <RangeControl
          label={t('figures.klFit.separation')}
          value={separation}
          min={0}
          max={8}
          step={0.1}
          format={(v) => v.toFixed(1)}
          onChange={(v) => changeTarget(() => setSeparation(v))}
          testId="fig-klfit-separation"
        />
        <RangeControl
          label={t('figures.klFit.leftWeight')}
          value={leftWeight}
          min={0.1}
          max={0.9}
          step={0.05}
          format={(v) => v.toFixed(2)}
          onChange={(v) => changeTarget(() => setLeftWeight(v))}
          testId="fig-klfit-weight"
        />
        <RangeControl
          label={t('figures.klFit.startMean')}
          value={startMu}
          min={-3}
          max={3}
          step={0.1}
          format={(v) => v.toFixed(1)}
          onChange={(v) => {
            setStartMu(v);
            reset(v);
          }}
          testId="fig-klfit-start"
        />
      </div>
      <div className="toy-controls">
        <button
          type="button"
          // aria-disabled rather than disabled, so keyboard focus stays on the button at convergence
          onClick={() => {
            if (playing || !fit.converged) setPlaying(!playing);
          }}
          aria-disabled={!playing && fit.converged}
          aria-pressed={playing}
          data-testid="fig-klfit-play"
        >
          {playing ? t('figures.common.pause') : t('figures.common.play')}
        </button>
        <button type="button" onClick={() => setFit((s) => advance(s, target, 1))} disabled={playing} data-testid="fig-klfit-step">
          {t('figures.common.step')}
        </button>
        <button type="button" onClick={() => reset()} data-testid="fig-klfit-reset">
          {t('figures.common.reset')}
        </button>
        <span className="toy-readout" role="status" data-testid="fig-klfit-status">
          {fit.converged
            ? t('figures.klFit.converged', { steps: fit.steps })
            : playing
              ? t('figures.klFit.fitting')
              : fit.steps === 0
                ? t('figures.klFit.ready')
                : t('figures.klFit.paused')}
        </span>
      </div>
      <div className="toy-panels">
        <Panel direction="reverse" target={target} q={fit.reverse} />
        <Panel direction="forward" target={target} q={fit.forward} />
      </div>
      <p className="toy-readout">
        {t('figures.klFit.steps')}<span data-testid="fig-klfit-steps">{fit.steps}</span>
        {t('figures.klFit.moments', { mean: fmt(moments.mean), sd: fmt(Math.sqrt(moments.variance)) })}
      </p>
    </figure>
  );
}
