/**
 * The one-dimensional normal distribution: density, log density and quantile. Plain math, no
 * tfjs and no DOM, so the toy figures, the plots and the model code share one definition.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log N(x; mean, sd^2), finite however far x is in the tails. */
export function normalLogDensity(x: number, mean = 0, sd = 1): number {
  const u = (x - mean) / sd;
  return -0.5 * u * u - Math.log(sd) - LOG_SQRT_2PI;
}

/** N(x; mean, sd^2). */
export function normalDensity(x: number, mean = 0, sd = 1): number {
  return Math.exp(normalLogDensity(x, mean, sd));
}

/*
 * The quantile (inverse CDF) places manifold-grid cells at equal prior mass. Peter Acklam's
 * rational approximation: relative error below 1.15e-9 over (0,1), far finer than a grid of
 * 28-pixel digits can show, so no refinement step is needed.
 */

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;

const P_LOW = 0.02425;
const P_HIGH = 1 - P_LOW;

function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  if (p > P_HIGH) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/** x such that P(N(0,1) <= x) = p. Returns -Infinity / Infinity at 0 / 1 and NaN outside [0,1]. */
export function inverseNormalCdf(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return acklam(p);
}
