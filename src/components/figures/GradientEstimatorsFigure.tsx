/**
 * Reparameterized vs score-function gradient estimates of d/dmu E[f(z)], z ~ N(mu, sigma^2),
 * and a step-through of single eps draws. For the reparameterization page.
 */
import { useMemo, useRef, useState } from 'react';
import {
  drawEstimatesSeeded,
  objectiveIds,
  objectives,
  reparameterize,
  reparamSample,
  scoreSample,
  summarize,
  type ObjectiveId,
} from '../../model/toy/gradientEstimators';
import { createRng } from '../../model/toy/random';
import { GradientEstimatesPlot } from '../../plots/gradientEstimatesPlot';
import { ReparamStepPlot } from '../../plots/reparamStepPlot';
import { RangeControl } from './RangeControl';
import { prefersReducedMotion, usePlot } from './usePlot';
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

  const histogramData = useMemo(() => ({ ...batch, trueGradient }), [batch, trueGradient]);
  const histogramRef = usePlot((root) => new GradientEstimatesPlot(root), histogramData);
  const stepData = useMemo(() => ({ mu, sigma, ...draw }), [mu, sigma, draw]);
  const stepRef = usePlot((root) => new ReparamStepPlot(root, { animate: !prefersReducedMotion() }), stepData);

  const drawEps = () => setDraw((d) => ({ eps: epsRng.current.normal(), drawId: d.drawId + 1 }));
  const z = draw.eps === null ? null : reparameterize(mu, sigma, draw.eps);

  return (
    <figure className="toy-figure" data-testid="fig-gradient">
      <h3>Two ways to estimate a gradient through sampling</h3>
      <p className="toy-caption">
        We want d/dμ E[f(z)] for z ~ N(μ, σ²). The reparameterized estimator writes z = μ + εσ and averages
        f′(z); the score-function (REINFORCE) estimator averages f(z)·(z − μ)/σ². Both are right on average.
      </p>

      <div className="toy-controls">
        <fieldset data-testid="fig-gradient-objective">
          <legend>Objective</legend>
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
          label="samples per estimate"
          value={samplesPerEstimate}
          min={1}
          max={64}
          step={1}
          onChange={setSamplesPerEstimate}
          testId="fig-gradient-samples"
        />
      </div>

      <section aria-label="Distribution of estimates">
        <div className="toy-controls">
          <button type="button" onClick={() => setBatchSeed((s) => s + 1)} data-testid="fig-gradient-draw-batch">
            Draw {ESTIMATES_PER_BATCH} new estimates
          </button>
        </div>
        <div className="toy-plot" ref={histogramRef} data-testid="fig-gradient-histograms" />
        <div className="toy-readout" aria-live="polite">
          <table>
            <thead>
              <tr>
                <th scope="col">estimator</th>
                <th scope="col">mean</th>
                <th scope="col">variance</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">reparameterized</th>
                <td data-testid="fig-gradient-mean-reparam">{fmt(reparam.mean)}</td>
                <td data-testid="fig-gradient-var-reparam">{fmt(reparam.variance)}</td>
              </tr>
              <tr>
                <th scope="row">score function</th>
                <td data-testid="fig-gradient-mean-score">{fmt(score.mean)}</td>
                <td data-testid="fig-gradient-var-score">{fmt(score.variance)}</td>
              </tr>
              <tr>
                <th scope="row">true gradient</th>
                <td data-testid="fig-gradient-true">{fmt(trueGradient)}</td>
                <td />
              </tr>
            </tbody>
          </table>
          <p data-testid="fig-gradient-ratio">
            {!Number.isFinite(ratio)
              ? 'Both estimators are exact here (zero variance).'
              : ratio >= 1
                ? `The score-function estimates are ${ratio.toFixed(1)}× as variable.`
                : `Here the score function is the less variable one (${(1 / ratio).toFixed(1)}× less)${
                    objectiveId === 'sine' ? ': with σ wide, f′(z) = cos z swings over whole periods' : ''
                  }. The reparameterization trick usually wins, not always.`}
          </p>
        </div>
      </section>

      <section aria-label="One draw at a time">
        <div className="toy-controls">
          <button type="button" onClick={drawEps} data-testid="fig-gradient-draw-eps">
            Draw ε
          </button>
        </div>
        <div className="toy-plot" ref={stepRef} data-testid="fig-gradient-step" />
        <p className="toy-readout" aria-live="polite" data-testid="fig-gradient-eps-readout">
          {draw.eps === null || z === null
            ? 'Draw ε to see where z = μ + εσ lands. Then move μ and σ: z follows smoothly while ε stays put.'
            : `ε = ${fmt(draw.eps)}, z = μ + εσ = ${fmt(z)}. This single draw's estimates: reparameterized f′(z) = ${fmt(
                reparamSample(objective, mu, sigma, draw.eps),
              )}, score function f(z)(z − μ)/σ² = ${fmt(scoreSample(objective, mu, sigma, draw.eps))}.`}
        </p>
      </section>
    </figure>
  );
}
