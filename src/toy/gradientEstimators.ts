/**
 * Two Monte Carlo estimators of d/dmu E_{z ~ N(mu, sigma^2)}[f(z)], for the reparameterization
 * page. Plain math: no tfjs, no DOM.
 *
 *   reparameterized:  z = mu + eps * sigma, eps ~ N(0, 1);  grad ~= mean of f'(z)
 *   score function:   grad ~= mean of f(z) * d/dmu log N(z; mu, sigma^2) = f(z) (z - mu) / sigma^2
 *
 * Both are unbiased; the figure shows how different their variances are.
 */
import { createRng, mean, variance, type Rng } from '../math/random';

export type ObjectiveId = 'square' | 'shiftedSquare' | 'sine';

export interface Objective {
  id: ObjectiveId;
  /** Plain-text name for labels and aria text. */
  label: string;
  /** TeX for the figure's formula. */
  tex: string;
  f(z: number): number;
  /** f'(z), what the reparameterized estimator averages. */
  df(z: number): number;
  /** Closed-form E[f(z)] for z ~ N(mu, sigma^2). */
  expectation(mu: number, sigma: number): number;
  /** Closed-form d/dmu E[f(z)]: the number both estimators aim at. */
  trueGradMu(mu: number, sigma: number): number;
}

export const objectives: Record<ObjectiveId, Objective> = {
  // E[z^2] = mu^2 + sigma^2
  square: {
    id: 'square',
    label: 'f(z) = z²',
    tex: 'f(z) = z^2',
    f: (z) => z * z,
    df: (z) => 2 * z,
    expectation: (mu, sigma) => mu * mu + sigma * sigma,
    trueGradMu: (mu) => 2 * mu,
  },
  // E[(z - 2)^2] = (mu - 2)^2 + sigma^2
  shiftedSquare: {
    id: 'shiftedSquare',
    label: 'f(z) = (z − 2)²',
    tex: 'f(z) = (z - 2)^2',
    f: (z) => (z - 2) * (z - 2),
    df: (z) => 2 * (z - 2),
    expectation: (mu, sigma) => (mu - 2) * (mu - 2) + sigma * sigma,
    trueGradMu: (mu) => 2 * (mu - 2),
  },
  // E[sin z] = Im E[e^{iz}] = sin(mu) exp(-sigma^2 / 2) (the normal's characteristic function)
  sine: {
    id: 'sine',
    label: 'f(z) = sin z',
    tex: 'f(z) = \\sin z',
    f: Math.sin,
    df: Math.cos,
    expectation: (mu, sigma) => Math.sin(mu) * Math.exp((-sigma * sigma) / 2),
    trueGradMu: (mu, sigma) => Math.cos(mu) * Math.exp((-sigma * sigma) / 2),
  },
};

export const objectiveIds = Object.keys(objectives) as ObjectiveId[];

/** z = mu + eps * sigma: the randomness is in eps, so z is a smooth function of mu and sigma. */
export function reparameterize(mu: number, sigma: number, eps: number): number {
  return mu + eps * sigma;
}

/** One-sample reparameterized estimate: f'(mu + eps sigma). */
export function reparamSample(objective: Objective, mu: number, sigma: number, eps: number): number {
  return objective.df(reparameterize(mu, sigma, eps));
}

/** One-sample score-function (REINFORCE) estimate: f(z) (z - mu) / sigma^2 = f(z) eps / sigma. */
export function scoreSample(objective: Objective, mu: number, sigma: number, eps: number): number {
  const z = reparameterize(mu, sigma, eps);
  return (objective.f(z) * (z - mu)) / (sigma * sigma);
}

export interface EstimatorBatch {
  /** One entry per estimate; each estimate averages `samplesPerEstimate` draws. */
  reparam: Float64Array;
  score: Float64Array;
}

/**
 * Draws `numEstimates` estimates from each estimator. Both estimators see the same eps draws
 * (common random numbers), so their difference is the estimator, not the luck of the draw.
 */
export function drawEstimates(
  objective: Objective,
  mu: number,
  sigma: number,
  samplesPerEstimate: number,
  numEstimates: number,
  rng: Rng,
): EstimatorBatch {
  const reparam = new Float64Array(numEstimates);
  const score = new Float64Array(numEstimates);
  for (let k = 0; k < numEstimates; k++) {
    let sumReparam = 0;
    let sumScore = 0;
    for (let s = 0; s < samplesPerEstimate; s++) {
      const eps = rng.normal();
      sumReparam += reparamSample(objective, mu, sigma, eps);
      sumScore += scoreSample(objective, mu, sigma, eps);
    }
    reparam[k] = sumReparam / samplesPerEstimate;
    score[k] = sumScore / samplesPerEstimate;
  }
  return { reparam, score };
}

export interface EstimatorSummary {
  mean: number;
  variance: number;
  /** Standard error of the mean of the estimates: sqrt(variance / count). */
  standardError: number;
}

export function summarize(estimates: ArrayLike<number>): EstimatorSummary {
  const v = variance(estimates);
  return { mean: mean(estimates), variance: v, standardError: Math.sqrt(v / estimates.length) };
}

/** Convenience for the figure: a reproducible batch from a seed. */
export function drawEstimatesSeeded(
  objective: Objective,
  mu: number,
  sigma: number,
  samplesPerEstimate: number,
  numEstimates: number,
  seed: number,
): EstimatorBatch {
  return drawEstimates(objective, mu, sigma, samplesPerEstimate, numEstimates, createRng(seed));
}
