/**
 * Reparameterized vs score-function gradient estimates of d/dmu E[f(z)], z ~ N(mu, sigma^2),
 * and a step-through of single eps draws. For the reparameterization page.
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import {
  drawEstimatesSeeded,
  objectiveIds,
  objectives,
  reparameterize,
  reparamSample,
  scoreSample,
  summarize,
  type ObjectiveId,
} from '../../toy/gradientEstimators';
import { createRng } from '../../math/random';
import { GradientEstimatesPlot, type GradientEstimatesPlotText } from '../../plots/gradientEstimatesPlot';
import { ReparamStepPlot, type ReparamStepPlotText } from '../../plots/reparamStepPlot';
import { RangeControl } from './RangeControl';
import { prefersReducedMotion } from '../frameScheduler';
import { usePlot } from '../usePlot';
import './figures.css';

/** Estimates per batch: enough for a histogram's shape, cheap enough to redraw on every slider move. */
const ESTIMATES_PER_BATCH = 500;
const FIRST_BATCH_SEED = 1;
const EPS_SEED = 2014; // the year of Kingma & Welling's paper

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toExponential(2) : v.toFixed(3)) : '—');

export function GradientEstimatorsFigure() {
  const [objectiveId, setObjectiveId] = useState<ObjectiveId>('square');
  const [mu, setMu] = useState(1);
  const [sigma, setSigma] = useState(1);
  const [samplesPerEstimate, setSamplesPerEstimate] = useState(1);
  const [batchSeed, setBatchSeed] = useState(FIRST_BATCH_SEED);
  const [draw, setDraw] = useState<{ eps: number | null; drawId: number }>({ eps: null, drawId: 0 });
  const epsRng = useRef(createRng(EPS_SEED));

  const objective = objectives[objectiveId];
  const trueGradient = objective.trueGradMu(mu, sigma);
  const batch = useMemo(
    () => drawEstimatesSeeded(objective, mu, sigma, samplesPerEstimate, ESTIMATES_PER_BATCH, batchSeed),
    [objective, mu, sigma, samplesPerEstimate, batchSeed],
  );
  const reparam = useMemo(() => summarize(batch.reparam), [batch]);
  const score = useMemo(() => summarize(batch.score), [batch]);
  const ratio = score.variance / reparam.variance;

  const { t } = useTranslation();
  // Rebuilt when the language changes (react-i18next gives a new t for each language), so the plots redraw in it.
  const histogramText = useMemo<GradientEstimatesPlotText>(() => ({
    label: t('figures.gradient.histPlot.label'),
    reparam: t('figures.gradient.histPlot.reparam'),
    score: t('figures.gradient.histPlot.score'),
    offScale: (parts) => t('figures.gradient.histPlot.offScale', { parts }),
    trueGradient: (value) => t('figures.gradient.histPlot.trueGradient', { value }),
    aria: (count, value) => t('figures.gradient.histPlot.aria', { count, value }),
  }), [t]);
  const stepText = useMemo<ReparamStepPlotText>(() => ({
    label: t('figures.gradient.stepPlot.label'),
    noDraw: (m, s) => t('figures.gradient.stepPlot.noDraw', { mu: m, sigma: s }),
    drew: (eps, zz) => t('figures.gradient.stepPlot.drew', { eps, z: zz }),
  }), [t]);
  const histogramData = useMemo(() => ({ ...batch, trueGradient, text: histogramText }), [batch, trueGradient, histogramText]);
  const { ref: histogramRef } = usePlot((root) => new GradientEstimatesPlot(root), { data: histogramData });
  const stepData = useMemo(() => ({ mu, sigma, ...draw, text: stepText }), [mu, sigma, draw, stepText]);
  const { ref: stepRef } = usePlot((root) => new ReparamStepPlot(root, { animate: !prefersReducedMotion() }), { data: stepData });

  const drawEps = () => setDraw((d) => ({ eps: epsRng.current.normal(), drawId: d.drawId + 1 }));
  const z = draw.eps === null ? null : reparameterize(mu, sigma, draw.eps);

  return (
    <figure className="toy-figure" data-testid="fig-gradient">
      <h3>{t('figures.gradient.title')}</h3>
      <p className="toy-caption">{t('figures.gradient.caption')}</p>

      <div className="toy-controls">
        <fieldset data-testid="fig-gradient-objective">
          <legend>{t('figures.gradient.objective')}</legend>
          <div className="toy-radio-row">
            {objectiveIds.map((id) => (
              <label key={id}>
                <input
                  type="radio"
                  name="fig-gradient-objective"
                  value={id}
                  checked={objectiveId === id}
                  onChange={() => setObjectiveId(id)}
                  data-testid={`fig-gradient-objective-${id}`}
                />{' '}
                {objectives[id].label}
              </label>
            ))}
          </div>
        </fieldset>
        <RangeControl label="μ" value={mu} min={-2} max={2} step={0.1} onChange={setMu} format={(v) => v.toFixed(1)} testId="fig-gradient-mu" />
        <RangeControl label="σ" value={sigma} min={0.2} max={2} step={0.1} onChange={setSigma} format={(v) => v.toFixed(1)} testId="fig-gradient-sigma" />
        <RangeControl
          label={t('figures.gradient.samplesPerEstimate')}
          value={samplesPerEstimate}
          min={1}
          max={64}
          step={1}
          onChange={setSamplesPerEstimate}
          testId="fig-gradient-samples"
        />
      </div>

      <section aria-label={t('figures.gradient.distributionSection')}>
        <div className="toy-controls">
          <button type="button" onClick={() => setBatchSeed((s) => s + 1)} data-testid="fig-gradient-draw-batch">
            {t('figures.gradient.drawBatch', { count: ESTIMATES_PER_BATCH })}
          </button>
        </div>
        <div className="toy-plot" ref={histogramRef} data-testid="fig-gradient-histograms" />
        <div className="toy-readout" aria-live="polite">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('figures.gradient.estimator')}</th>
                <th scope="col">{t('figures.gradient.mean')}</th>
                <th scope="col">{t('figures.gradient.variance')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('figures.gradient.reparameterized')}</th>
                <td data-testid="fig-gradient-mean-reparam">{fmt(reparam.mean)}</td>
                <td data-testid="fig-gradient-var-reparam">{fmt(reparam.variance)}</td>
              </tr>
              <tr>
                <th scope="row">{t('figures.gradient.scoreFunction')}</th>
                <td data-testid="fig-gradient-mean-score">{fmt(score.mean)}</td>
                <td data-testid="fig-gradient-var-score">{fmt(score.variance)}</td>
              </tr>
              <tr>
                <th scope="row">{t('figures.gradient.trueGradient')}</th>
                <td data-testid="fig-gradient-true">{fmt(trueGradient)}</td>
                <td />
              </tr>
            </tbody>
          </table>
          <p data-testid="fig-gradient-ratio">
            {!Number.isFinite(ratio)
              ? t('figures.gradient.bothExact')
              : ratio >= 1
                ? t('figures.gradient.scoreMoreVariable', { ratio: ratio.toFixed(1) })
                : t('figures.gradient.scoreLessVariable', {
                    ratio: (1 / ratio).toFixed(1),
                    why: objectiveId === 'sine' ? t('figures.gradient.sineWhy') : '',
                  })}
          </p>
        </div>
      </section>

      <section aria-label={t('figures.gradient.oneDrawSection')}>
        <div className="toy-controls">
          <button type="button" onClick={drawEps} data-testid="fig-gradient-draw-eps">
            {t('figures.gradient.drawEps')}
          </button>
        </div>
        <div className="toy-plot" ref={stepRef} data-testid="fig-gradient-step" />
        <p className="toy-readout" aria-live="polite" data-testid="fig-gradient-eps-readout">
          {draw.eps === null || z === null
            ? t('figures.gradient.epsHint')
            : t('figures.gradient.epsReadout', {
                eps: fmt(draw.eps),
                z: fmt(z),
                reparam: fmt(reparamSample(objective, mu, sigma, draw.eps)),
                score: fmt(scoreSample(objective, mu, sigma, draw.eps)),
              })}
        </p>
      </section>
    </figure>
  );
}
