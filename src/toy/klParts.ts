/**
 * The KL regularizer of one latent coordinate, split the way the KL page reads it:
 *   KL(N(mu, sigma^2) || N(0, 1)) = 1/2 mu^2  +  1/2 (sigma^2 - log sigma^2 - 1)
 *                                   mean part     variance part
 * Plain math: no tfjs, no DOM.
 */

export interface KlParts {
  /** 1/2 mu^2, nats: zero only at mu = 0. */
  meanPart: number;
  /** 1/2 (sigma^2 - log sigma^2 - 1), nats: >= 0, zero only at sigma = 1. */
  variancePart: number;
  total: number;
}

export function klMeanPart(mu: number): number {
  return 0.5 * mu * mu;
}

export function klVariancePart(sigma: number): number {
  const s2 = sigma * sigma;
  return 0.5 * (s2 - Math.log(s2) - 1);
}

export function klParts(mu: number, sigma: number): KlParts {
  const meanPart = klMeanPart(mu);
  const variancePart = klVariancePart(sigma);
  return { meanPart, variancePart, total: meanPart + variancePart };
}
