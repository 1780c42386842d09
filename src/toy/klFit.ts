/**
 * Fitting one Gaussian q = N(mu, sigma^2) to a two-mode target p by gradient descent, under
 * reverse KL(q || p) (what a VAE minimizes: mode-seeking) or forward KL(p || q)
 * (mass-covering). For the ELBO page. Plain math: no tfjs, no DOM.
 *
 * q is parameterized by (mu, log sigma) so any real step keeps sigma positive. Integrals are
 * Simpson's rule on a grid spanning the distribution the expectation is taken under.
 */
import { normalLogDensity } from '../math/gaussian';
import { simpson } from './klDivergence';

/** p(x) = w N(x; -d/2, s^2) + (1 - w) N(x; d/2, s^2). */
export interface TwoModeTarget {
  /** Weight of the left component, in (0, 1). */
  leftWeight: number;
  /** Distance d between the component means. */
  separation: number;
  /** Standard deviation s shared by both components. */
  componentSd: number;
}

export interface GaussianParams {
  mu: number;
  logSigma: number;
}

export type KlDirection = 'reverse' | 'forward';

export interface KlWithGradient {
  /** The divergence, nats. */
  value: number;
  /** d KL / d mu. */
  gradMu: number;
  /** d KL / d log sigma. */
  gradLogSigma: number;
}

const GRID_INTERVALS = 600;
const TAIL_SDS = 10;

export function componentMeans(p: TwoModeTarget): [number, number] {
  return [-p.separation / 2, p.separation / 2];
}

/** log p(x) by log-sum-exp, so it stays finite far out in the tails. */
export function targetLogDensity(p: TwoModeTarget, x: number): number {
  const [m1, m2] = componentMeans(p);
  const a = Math.log(p.leftWeight) + normalLogDensity(x, m1, p.componentSd);
  const b = Math.log(1 - p.leftWeight) + normalLogDensity(x, m2, p.componentSd);
  const top = Math.max(a, b);
  return top + Math.log(Math.exp(a - top) + Math.exp(b - top));
}

export function targetDensity(p: TwoModeTarget, x: number): number {
  return Math.exp(targetLogDensity(p, x));
}

/**
 * d/dx log p(x) = sum_k r_k(x) (m_k - x) / s^2, with r_k the posterior responsibility of
 * component k (computed in log space for the same reason as above).
 */
export function targetScore(p: TwoModeTarget, x: number): number {
  const [m1, m2] = componentMeans(p);
  const a = Math.log(p.leftWeight) + normalLogDensity(x, m1, p.componentSd);
  const b = Math.log(1 - p.leftWeight) + normalLogDensity(x, m2, p.componentSd);
  const rLeft = 1 / (1 + Math.exp(b - a));
  const s2 = p.componentSd * p.componentSd;
  return (rLeft * (m1 - x) + (1 - rLeft) * (m2 - x)) / s2;
}

/** Mean and variance of the mixture: the optimum of the forward-KL fit (moment matching). */
export function targetMoments(p: TwoModeTarget): { mean: number; variance: number } {
  const [m1, m2] = componentMeans(p);
  const w = p.leftWeight;
  const mean = w * m1 + (1 - w) * m2;
  // law of total variance: within-component s^2 plus the spread of the component means
  const variance = p.componentSd ** 2 + w * (m1 - mean) ** 2 + (1 - w) * (m2 - mean) ** 2;
  return { mean, variance };
}

export function gaussianLogDensity(q: GaussianParams, x: number): number {
  return normalLogDensity(x, q.mu, Math.exp(q.logSigma));
}

/**
 * Reverse KL(q || p) = E_q[log q - log p] and its gradient. Writing x = mu + sigma eps
 * (the reparameterization trick again), E_q[log q] = -log sigma - 1/2 log(2 pi e) so
 *   d/dmu        = -E_q[(log p)'(x)]
 *   d/dlog sigma = -1 - E_q[(x - mu) (log p)'(x)]
 */
export function reverseKl(p: TwoModeTarget, q: GaussianParams): KlWithGradient {
  const sigma = Math.exp(q.logSigma);
  const lo = q.mu - TAIL_SDS * sigma;
  const hi = q.mu + TAIL_SDS * sigma;
  const qAt = (x: number) => Math.exp(gaussianLogDensity(q, x));
  return {
    value: simpson((x) => qAt(x) * (gaussianLogDensity(q, x) - targetLogDensity(p, x)), lo, hi, GRID_INTERVALS),
    gradMu: -simpson((x) => qAt(x) * targetScore(p, x), lo, hi, GRID_INTERVALS),
    gradLogSigma: -1 - simpson((x) => qAt(x) * (x - q.mu) * targetScore(p, x), lo, hi, GRID_INTERVALS),
  };
}

/**
 * Forward KL(p || q) = E_p[log p - log q] and its gradient. Only -E_p[log q] depends on q:
 *   d/dmu        = -E_p[(x - mu)] / sigma^2
 *   d/dlog sigma = 1 - E_p[(x - mu)^2] / sigma^2
 * Both vanish exactly when q's mean and variance equal p's.
 */
export function forwardKl(p: TwoModeTarget, q: GaussianParams): KlWithGradient {
  const sigma2 = Math.exp(2 * q.logSigma);
  const [m1, m2] = componentMeans(p);
  const lo = Math.min(m1, m2) - TAIL_SDS * p.componentSd;
  const hi = Math.max(m1, m2) + TAIL_SDS * p.componentSd;
  const pAt = (x: number) => targetDensity(p, x);
  return {
    value: simpson((x) => pAt(x) * (targetLogDensity(p, x) - gaussianLogDensity(q, x)), lo, hi, GRID_INTERVALS),
    gradMu: -simpson((x) => pAt(x) * (x - q.mu), lo, hi, GRID_INTERVALS) / sigma2,
    gradLogSigma: 1 - simpson((x) => pAt(x) * (x - q.mu) ** 2, lo, hi, GRID_INTERVALS) / sigma2,
  };
}

export function klWithGradient(direction: KlDirection, p: TwoModeTarget, q: GaussianParams): KlWithGradient {
  return direction === 'reverse' ? reverseKl(p, q) : forwardKl(p, q);
}

export interface FitStep {
  params: GaussianParams;
  /** Size of the step just taken (max over the two parameters), to detect convergence. */
  stepSize: number;
}

/** A step never moves a parameter further than this, so a bad start cannot fling q away. */
const MAX_STEP = 0.5;

const clip = (v: number) => Math.max(-MAX_STEP, Math.min(MAX_STEP, v));

/**
 * One gradient step, preconditioned by the inverse Fisher information of a Gaussian in
 * (mu, log sigma), which is diag(1 / sigma^2, 2): the "natural gradient". Plain gradient descent
 * would crawl when sigma is wide (the mu gradient scales as 1 / sigma^2) and overshoot when it
 * is narrow; this keeps one learning rate sensible for every q.
 */
export function fitStep(
  direction: KlDirection,
  p: TwoModeTarget,
  q: GaussianParams,
  learningRate: number,
): FitStep {
  const g = klWithGradient(direction, p, q);
  const sigma2 = Math.exp(2 * q.logSigma);
  const dMu = clip(-learningRate * sigma2 * g.gradMu);
  const dLogSigma = clip((-learningRate * g.gradLogSigma) / 2);
  return {
    params: { mu: q.mu + dMu, logSigma: q.logSigma + dLogSigma },
    stepSize: Math.max(Math.abs(dMu), Math.abs(dLogSigma)),
  };
}

/** Runs `steps` fit steps (or stops early once a step is smaller than `tolerance`). */
export function fit(
  direction: KlDirection,
  p: TwoModeTarget,
  start: GaussianParams,
  steps: number,
  learningRate: number,
  tolerance = 0,
): GaussianParams {
  let q = start;
  for (let i = 0; i < steps; i++) {
    const next = fitStep(direction, p, q, learningRate);
    q = next.params;
    if (next.stepSize < tolerance) break;
  }
  return q;
}
