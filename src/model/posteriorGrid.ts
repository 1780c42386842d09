/**
 * Plain math for the true posterior on a 2-D latent plane: where to put the grid, how to
 * refine it, quadrature in log space, and the best single Gaussian for one digit. No tfjs:
 * the log-joint values arrive as numbers from whoever ran the decoder.
 */

/** log sum_i exp(v_i), safe for any magnitude; -Infinity for an empty list. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] ?? -Infinity);
  if (!Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp((values[i] ?? -Infinity) - max);
  return max + Math.log(sum);
}

export interface Gaussian2 {
  mu: [number, number];
  /** log sigma^2 per axis (diagonal covariance, like the encoder's q). */
  logVar: [number, number];
}

/** log N(z; mu, diag(exp(logVar))) for a 2-D point. */
export function logNormal2(g: Gaussian2, z0: number, z1: number): number {
  const d0 = z0 - g.mu[0];
  const d1 = z1 - g.mu[1];
  return -Math.log(2 * Math.PI) - 0.5 * (g.logVar[0] + g.logVar[1])
    - 0.5 * (d0 * d0 / Math.exp(g.logVar[0]) + d1 * d1 / Math.exp(g.logVar[1]));
}

/**
 * Coarse lattice side. The coarse pass only has to find where the posterior lives: a cell
 * whose centre is within half a cell of a mode of width sigma sees at most (h/2)^2/(2 sigma^2)
 * nats less than the mode; the refinement threshold below is far larger than that for any
 * sigma the coarse cell could miss, so no mode above the threshold goes unrefined.
 */
export const COARSE_SIDE = 48;
/**
 * A coarse cell is refined when its log-joint is within this many nats of the best cell.
 * Cells below it hold at most e^-25 of the peak cell each; all 2,304 together change log p(x)
 * by less than 2,304 e^-25 ~ 3e-8 nats, and they still count, at the coarse resolution.
 */
export const REFINE_NATS = 25;
/** Fine points at most, so one digit stays well under a second of decoding. */
export const FINE_BUDGET = 12_000;
/** Prior bulk: the window always holds the prior mean +- 5 (mass outside < 6e-7 per axis). */
export const PRIOR_HALF_WIDTH = 5;
/** The encoder's q is covered out to +- 6 sigma. */
export const Q_SIGMAS = 6;

/**
 * Why the window is the union of q's +-6 sigma box and the prior's +-5 box: as measured on the
 * shipped latent-2 model when issue 11 was filed, a fine grid over q's +-6 sigma box alone
 * missed 1.2 nats of log p(x) on 1 digit in 20, whose posterior had mass q did not reach. The posterior
 * is p(x|z) p(z) / p(x) and p(x|z) <= 1 for Bernoulli pixels, so no posterior mass worth a
 * nat can sit where the prior has none: beyond +-5 the prior density is below e^-12.5 of its
 * peak on each axis.
 */
export function gridWindow(q: Gaussian2, priorMu: ArrayLike<number>): { lo: [number, number]; hi: [number, number] } {
  const lo: [number, number] = [0, 0];
  const hi: [number, number] = [0, 0];
  for (let d = 0; d < 2; d++) {
    const s = Math.exp(0.5 * (q.logVar[d] ?? 0));
    const m = q.mu[d] ?? 0;
    const p = priorMu[d] ?? 0;
    lo[d] = Math.min(p - PRIOR_HALF_WIDTH, m - Q_SIGMAS * s);
    hi[d] = Math.max(p + PRIOR_HALF_WIDTH, m + Q_SIGMAS * s);
  }
  return { lo, hi };
}

/** Cell centres of an n x n lattice over [lo, hi], row-major (row = axis 1), as z pairs. */
export function latticeCentres(lo: [number, number], hi: [number, number], n: number): { z: Float32Array; h: [number, number] } {
  const h: [number, number] = [(hi[0] - lo[0]) / n, (hi[1] - lo[1]) / n];
  const z = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const i = (r * n + c) * 2;
      z[i] = lo[0] + (c + 0.5) * h[0];
      z[i + 1] = lo[1] + (r + 0.5) * h[1];
    }
  }
  return { z, h };
}

/**
 * Which coarse cells to subdivide, and into how many sub-cells per side. The midpoint rule
 * on a Gaussian of width sigma with spacing h is off by about 2 exp(-2 pi^2 sigma^2 / h^2)
 * relative (Poisson summation): 2e-34 at h = sigma/2, so sub-cells of half the narrowest
 * width make the quadrature error negligible next to float32 decoding. The width
 * comes from q and from the coarse grid's own curvature at its peak (a posterior sharper than
 * q, as with the pixel-mean bug, is resolved by the second).
 */
export interface RefinePlan {
  /** Coarse cell indices to subdivide. */
  cells: number[];
  /** Sub-cells per side of each refined cell. */
  split: number;
  /** Fine z pairs, cells[k]'s split^2 points at [k * split^2, (k+1) * split^2). */
  z: Float32Array;
  /** The narrowest width the split resolves. */
  sigmaMin: number;
}

export function planRefinement(
  coarseLogJoint: ArrayLike<number>, lo: [number, number], h: [number, number], n: number, q: Gaussian2,
): RefinePlan {
  let best = 0;
  for (let i = 1; i < n * n; i++) if ((coarseLogJoint[i] ?? -Infinity) > (coarseLogJoint[best] ?? -Infinity)) best = i;
  const peak = coarseLogJoint[best] ?? -Infinity;
  const cells: number[] = [];
  const qs = [Math.exp(0.5 * q.logVar[0]), Math.exp(0.5 * q.logVar[1])] as const;
  for (let i = 0; i < n * n; i++) {
    const c = i % n;
    const r = Math.floor(i / n);
    const cx = lo[0] + (c + 0.5) * h[0];
    const cy = lo[1] + (r + 0.5) * h[1];
    // q's own +-4 sigma box is refined too, so KL(q || p) and q's ELBO are resolved on the grid.
    const inQ = Math.abs(cx - q.mu[0]) <= 4 * qs[0] + h[0] && Math.abs(cy - q.mu[1]) <= 4 * qs[1] + h[1];
    if ((coarseLogJoint[i] ?? -Infinity) >= peak - REFINE_NATS || inQ) cells.push(i);
  }
  // Curvature at the coarse peak: L(peak +- h) ~ L(peak) - h^2 / (2 sigma^2).
  const br = Math.floor(best / n);
  const bc = best % n;
  let sigmaPost = Infinity;
  for (const [dr, dc, hd] of [[0, 1, h[0]], [1, 0, h[1]]] as const) {
    for (const sgn of [-1, 1]) {
      const r = br + sgn * dr;
      const c = bc + sgn * dc;
      if (r < 0 || r >= n || c < 0 || c >= n) continue;
      const drop = peak - (coarseLogJoint[r * n + c] ?? -Infinity);
      if (drop > 0) sigmaPost = Math.min(sigmaPost, hd / Math.sqrt(2 * drop));
    }
  }
  const sigmaMin = Math.min(qs[0], qs[1], sigmaPost);
  const hMax = Math.max(h[0], h[1]);
  let split = Math.max(1, Math.ceil((2 * hMax) / sigmaMin));
  // Budget: many refined cells (a broad posterior) need less splitting, since broad means smooth.
  while (split > 1 && cells.length * split * split > FINE_BUDGET) split -= 1;
  const z = new Float32Array(cells.length * split * split * 2);
  let k = 0;
  for (const i of cells) {
    const c = i % n;
    const r = Math.floor(i / n);
    for (let sr = 0; sr < split; sr++) {
      for (let sc = 0; sc < split; sc++) {
        z[k++] = lo[0] + (c + (sc + 0.5) / split) * h[0];
        z[k++] = lo[1] + (r + (sr + 0.5) / split) * h[1];
      }
    }
  }
  return { cells, split, z, sigmaMin };
}

/**
 * The quadrature as one list of points: each point's z, its cell area and its log-joint
 * log p(x|z) + log p(z). Refined coarse cells are replaced by their sub-cells.
 */
export interface QuadraturePoints {
  z: Float32Array;
  logArea: Float64Array;
  logJoint: Float64Array;
}

export function assemblePoints(
  coarseZ: Float32Array, coarseLogJoint: ArrayLike<number>, h: [number, number], plan: RefinePlan, fineLogJoint: ArrayLike<number>,
): QuadraturePoints {
  const refined = new Set(plan.cells);
  const nCoarse = coarseZ.length / 2;
  const nFine = plan.z.length / 2;
  const total = nCoarse - refined.size + nFine;
  const z = new Float32Array(total * 2);
  const logArea = new Float64Array(total);
  const logJoint = new Float64Array(total);
  const coarseArea = Math.log(h[0] * h[1]);
  const fineArea = coarseArea - 2 * Math.log(plan.split);
  let k = 0;
  for (let i = 0; i < nCoarse; i++) {
    if (refined.has(i)) continue;
    z[2 * k] = coarseZ[2 * i] ?? 0;
    z[2 * k + 1] = coarseZ[2 * i + 1] ?? 0;
    logArea[k] = coarseArea;
    logJoint[k] = coarseLogJoint[i] ?? -Infinity;
    k++;
  }
  for (let j = 0; j < nFine; j++) {
    z[2 * k] = plan.z[2 * j] ?? 0;
    z[2 * k + 1] = plan.z[2 * j + 1] ?? 0;
    logArea[k] = fineArea;
    logJoint[k] = fineLogJoint[j] ?? -Infinity;
    k++;
  }
  return { z, logArea, logJoint };
}

/** log p(x) = log of the integral of p(x|z) p(z) dz, by the midpoint rule in log space. */
export function gridLogPx(points: QuadraturePoints): number {
  const terms = new Float64Array(points.logJoint.length);
  for (let i = 0; i < terms.length; i++) terms[i] = (points.logJoint[i] ?? -Infinity) + (points.logArea[i] ?? 0);
  return logSumExp(terms);
}

/**
 * KL(q || p(z|x)) = integral of q (log q - log p(z|x)), with log p(z|x) = logJoint - log p(x),
 * by quadrature on the same points. Independent of the Gauss-Hermite ELBO, so
 * ELBO + KL = log p(x) is a real check of both.
 */
export function gridKl(points: QuadraturePoints, q: Gaussian2, logPx: number): number {
  let kl = 0;
  for (let i = 0; i < points.logJoint.length; i++) {
    const lq = logNormal2(q, points.z[2 * i] ?? 0, points.z[2 * i + 1] ?? 0);
    const mass = Math.exp(lq + (points.logArea[i] ?? 0));
    if (mass === 0) continue;
    kl += mass * (lq - ((points.logJoint[i] ?? -Infinity) - logPx));
  }
  return kl;
}

/**
 * The best single diagonal Gaussian for this digit: gradient ascent on its ELBO from the
 * encoder's guess. The ELBO is taken on the quadrature points with q renormalized over them
 * (masses m_i = softmax(log a_i + log q(z_i))), i.e. sum_i m_i (log p(x, z_i) + log a_i - log m_i).
 * That is exact for any q the grid resolves, costs no decoder call per step (the log-joint is
 * already known at every point) and has no sampling noise, and it is a true lower bound of
 * the grid's log p(x) for every q, so a q that slips between points cannot cheat.
 * Gradient: dF/du_i = m_i (c_i - log m_i - F); du_i/dmu = (z - mu)/sigma^2,
 * du_i/d log sigma = (z - mu)^2/sigma^2 - 1. Adam with a cosine-decayed step.
 */
export function* fitBestGaussianSteps(points: QuadraturePoints, start: Gaussian2, steps = 300): Generator<void, { q: Gaussian2; elbo: number }> {
  const n = points.logJoint.length;
  const { z, logArea, logJoint } = points;
  const theta = [start.mu[0], start.mu[1], 0.5 * start.logVar[0], 0.5 * start.logVar[1]];
  // Step sizes: centres move in units of the starting width, log sigma in absolute units.
  const scale = [Math.exp(theta[2]!), Math.exp(theta[3]!), 1, 1];
  const m = [0, 0, 0, 0];
  const v = [0, 0, 0, 0];
  const u = new Float64Array(n);
  const grad = [0, 0, 0, 0];
  // One pass for value and gradient: sum_i w_i g_i = sum_i m_i (c_i - log m_i) g_i - F sum_i m_i g_i.
  const evaluate = (th: number[]): number => {
    const inv0 = Math.exp(-2 * th[2]!);
    const inv1 = Math.exp(-2 * th[3]!);
    const norm = -Math.log(2 * Math.PI) - th[2]! - th[3]!;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const d0 = z[2 * i]! - th[0]!;
      const d1 = z[2 * i + 1]! - th[1]!;
      const ui = logArea[i]! + norm - 0.5 * (d0 * d0 * inv0 + d1 * d1 * inv1);
      u[i] = ui;
      if (ui > max) max = ui;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp(u[i]! - max);
    const lse = max + Math.log(sum);
    let f = 0;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    for (let i = 0; i < n; i++) {
      const logM = u[i]! - lse;
      if (logM < -700) continue;
      const mi = Math.exp(logM);
      const c = mi * (logJoint[i]! + logArea[i]! - logM);
      f += c;
      const d0 = z[2 * i]! - th[0]!;
      const d1 = z[2 * i + 1]! - th[1]!;
      const g0 = d0 * inv0;
      const g1 = d1 * inv1;
      const g2 = d0 * g0 - 1;
      const g3 = d1 * g1 - 1;
      a0 += c * g0; a1 += c * g1; a2 += c * g2; a3 += c * g3;
      b0 += mi * g0; b1 += mi * g1; b2 += mi * g2; b3 += mi * g3;
    }
    grad[0] = a0 - f * b0;
    grad[1] = a1 - f * b1;
    grad[2] = a2 - f * b2;
    grad[3] = a3 - f * b3;
    return f;
  };
  let bestTheta = theta.slice();
  let bestF = -Infinity;
  const lr = 0.1;
  for (let t = 1; t <= steps; t++) {
    const f = evaluate(theta);
    if (f > bestF) {
      bestF = f;
      bestTheta = theta.slice();
    }
    const rate = lr * 0.5 * (1 + Math.cos((Math.PI * (t - 1)) / steps));
    for (let k = 0; k < 4; k++) {
      const gk = grad[k]! * scale[k]!;
      m[k] = 0.9 * m[k]! + 0.1 * gk;
      v[k] = 0.999 * v[k]! + 0.001 * gk * gk;
      const mh = m[k]! / (1 - 0.9 ** t);
      const vh = v[k]! / (1 - 0.999 ** t);
      theta[k] = theta[k]! + rate * scale[k]! * mh / (Math.sqrt(vh) + 1e-8);
    }
    // ~10k points per step: yield every few steps so training never waits long.
    if (t % 25 === 0) yield;
  }
  const last = evaluate(theta);
  if (last > bestF) {
    bestF = last;
    bestTheta = theta.slice();
  }
  return { q: { mu: [bestTheta[0]!, bestTheta[1]!], logVar: [2 * bestTheta[2]!, 2 * bestTheta[3]!] }, elbo: bestF };
}

/** fitBestGaussianSteps run to the end at once. */
export function fitBestGaussian(points: QuadraturePoints, start: Gaussian2, steps = 300): { q: Gaussian2; elbo: number } {
  const it = fitBestGaussianSteps(points, start, steps);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * Gauss-Hermite nodes and weights for integrals against N(0, 1) (probabilists' form), by
 * Newton on the physicists' Hermite recurrence (Golub-Welsch would need an eigen-solver).
 */
export function gaussHermite(n: number): { nodes: Float64Array; weights: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    // Initial guesses from Numerical Recipes' gauher.
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]!;
    else z = 2 * z - x[i - 2]!;
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = Math.PI ** -0.25;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) < 1e-14) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i]!;
  }
  // Physicists' (weight e^-x^2) to probabilists' (N(0,1)): node * sqrt 2, weight / sqrt pi.
  for (let i = 0; i < n; i++) {
    x[i] = x[i]! * Math.SQRT2;
    w[i] = w[i]! / Math.sqrt(Math.PI);
  }
  return { nodes: x, weights: w };
}

/** Tensor-product Gauss-Hermite points for q: z = mu + sigma * node, with log weights. */
export function gaussHermitePoints(q: Gaussian2, n: number): { z: Float32Array; logWeight: Float64Array } {
  const { nodes, weights } = gaussHermite(n);
  const s0 = Math.exp(0.5 * q.logVar[0]);
  const s1 = Math.exp(0.5 * q.logVar[1]);
  const z = new Float32Array(n * n * 2);
  const logWeight = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const k = a * n + b;
      z[2 * k] = q.mu[0] + s0 * nodes[b]!;
      z[2 * k + 1] = q.mu[1] + s1 * nodes[a]!;
      logWeight[k] = Math.log(weights[a]!) + Math.log(weights[b]!);
    }
  }
  return { z, logWeight };
}

/** Differential entropy of a diagonal 2-D Gaussian, nats. */
export function entropy2(q: Gaussian2): number {
  return Math.log(2 * Math.PI * Math.E) + 0.5 * (q.logVar[0] + q.logVar[1]);
}
