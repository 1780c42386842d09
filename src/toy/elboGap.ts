/**
 * The ELBO identity in one dimension, for the ELBO page:
 *
 *   log p(x) = ELBO(q) + KL(q(z) || p(z | x)),   ELBO(q) = E_q[log p(x | z)] - KL(q || p(z)).
 *
 * A 1-D latent toy whose evidence p(x) is computable by quadrature: prior p(z) = N(0, 1) and a
 * Gaussian decoder p(x | z) = N(x; f(z), s^2) with f(z) = a z + b z^2. With b = 0 it is
 * linear-Gaussian (the posterior is normal, so a normal q can close the gap); with b != 0 the
 * posterior is skewed or two-peaked and no normal q reaches log p(x). Plain math: no tfjs, no DOM.
 */
import { normalLogDensity } from '../math/gaussian';
import { klClosedForm, simpson } from './klDivergence';

export interface ToyDecoder {
  /** Linear coefficient a of f(z) = a z + b z^2. */
  a: number;
  /** Quadratic coefficient b. */
  b: number;
  /** Noise standard deviation s of p(x | z). */
  noiseSd: number;
}

export interface NormalQ {
  mu: number;
  sigma: number;
}

export interface ElboGap {
  /** log p(x) by quadrature over z, nats. */
  logEvidence: number;
  /** E_q[log p(x | z)] - KL(q || N(0, 1)), nats. */
  elbo: number;
  /** log p(x) - ELBO = KL(q || p(z | x)) >= 0, nats. */
  gap: number;
  /** E_q[log p(x | z)], nats. */
  expectedLogLikelihood: number;
  /** KL(q || N(0, 1)) in closed form, nats. */
  klToPrior: number;
}

/** z range of the evidence integral: the prior has < 1e-40 of its mass beyond 14. */
const Z_LIMIT = 14;
const EVIDENCE_INTERVALS = 8000;
const Q_TAIL_SDS = 10;
const Q_INTERVALS = 800;

export function decoderMean(dec: ToyDecoder, z: number): number {
  return dec.a * z + dec.b * z * z;
}

export function logPrior(z: number): number {
  return normalLogDensity(z, 0, 1);
}

export function logLikelihood(dec: ToyDecoder, x: number, z: number): number {
  return normalLogDensity(x, decoderMean(dec, z), dec.noiseSd);
}

/** log p(x, z) = log p(x | z) + log p(z). */
export function logJoint(dec: ToyDecoder, x: number, z: number): number {
  return logLikelihood(dec, x, z) + logPrior(z);
}

/**
 * log p(x) = log of the integral of p(x | z) p(z) dz, by Simpson's rule on a fine grid. The
 * integrand is scaled by its largest value on the grid first, so a sharply peaked joint (small
 * s) neither underflows nor loses precision.
 */
export function logEvidence(dec: ToyDecoder, x: number): number {
  const n = EVIDENCE_INTERVALS;
  let top = -Infinity;
  for (let i = 0; i <= n; i++) top = Math.max(top, logJoint(dec, x, -Z_LIMIT + (2 * Z_LIMIT * i) / n));
  return top + Math.log(simpson((z) => Math.exp(logJoint(dec, x, z) - top), -Z_LIMIT, Z_LIMIT, n));
}

/** The true posterior p(z | x) = p(x, z) / p(x), as a log density in z. */
export function posteriorLogDensity(dec: ToyDecoder, x: number, logPx = logEvidence(dec, x)): (z: number) => number {
  return (z) => logJoint(dec, x, z) - logPx;
}

export function qLogDensity(q: NormalQ, z: number): number {
  return normalLogDensity(z, q.mu, q.sigma);
}

/** E_q[g(z)] by Simpson's rule over q's +-10 sigma. */
function expectUnderQ(q: NormalQ, g: (z: number) => number): number {
  const lo = q.mu - Q_TAIL_SDS * q.sigma;
  const hi = q.mu + Q_TAIL_SDS * q.sigma;
  return simpson((z) => Math.exp(qLogDensity(q, z)) * g(z), lo, hi, Q_INTERVALS);
}

/** The ELBO's two pieces; needs no log p(x), so a curve of ELBOs costs no evidence integrals. */
export function elboTerms(dec: ToyDecoder, x: number, q: NormalQ): Pick<ElboGap, 'elbo' | 'expectedLogLikelihood' | 'klToPrior'> {
  const expectedLogLikelihood = expectUnderQ(q, (z) => logLikelihood(dec, x, z));
  const klToPrior = klClosedForm({ kind: 'normal', mean: q.mu, sd: q.sigma }, { kind: 'normal', mean: 0, sd: 1 });
  return { elbo: expectedLogLikelihood - klToPrior, expectedLogLikelihood, klToPrior };
}

export function elboGap(dec: ToyDecoder, x: number, q: NormalQ, logPx = logEvidence(dec, x)): ElboGap {
  const terms = elboTerms(dec, x, q);
  return { logEvidence: logPx, ...terms, gap: logPx - terms.elbo };
}

/**
 * KL(q || p(z | x)) integrated directly, E_q[log q - log p(z | x)]: an independent route to the
 * gap, which the identity says must equal log p(x) - ELBO.
 */
export function klToPosterior(dec: ToyDecoder, x: number, q: NormalQ): number {
  const logPost = posteriorLogDensity(dec, x);
  return expectUnderQ(q, (z) => qLogDensity(q, z) - logPost(z));
}

/**
 * The exact posterior when b = 0 (linear-Gaussian): precision 1 + a^2 / s^2, mean
 * (a x / s^2) / precision. The q that makes the gap zero.
 */
export function linearGaussianPosterior(dec: ToyDecoder, x: number): NormalQ {
  const s2 = dec.noiseSd * dec.noiseSd;
  const precision = 1 + (dec.a * dec.a) / s2;
  return { mu: (dec.a * x) / s2 / precision, sigma: 1 / Math.sqrt(precision) };
}
