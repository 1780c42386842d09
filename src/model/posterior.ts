import { encodeCpu } from './cpuNet';
import { decoderLogLikelihood } from './decoderLikelihood';
import {
  assemblePoints, COARSE_SIDE, entropy2, fitBestGaussianSteps, gaussHermitePoints, gridKl, gridLogPx, gridWindow,
  latticeCentres, logNormal2, logSumExp, planRefinement, type Gaussian2, type QuadraturePoints, type RefinePlan,
} from './posteriorGrid';
import { createRng } from '../math/random';
import { type ModelSnapshot, type PosteriorAnalysis } from '../shared/types';

/**
 * The model's true posterior and log-likelihood, evaluated in chunks. Every job is an async
 * generator that yields after each chunk of decoder work (~1,000 codes, about one training
 * step of compute), so the worker can interleave it with training. Jobs read weights from a
 * host copy (a snapshot), never the live variables: a job spread over many training steps
 * still analyses one model, and holds no tensors between chunks.
 */
export type LatentModel = Pick<ModelSnapshot, 'step' | 'config' | 'decoder' | 'encoder' | 'classMeans'>;

export const CHUNK_CODES = 1024;
/** Gauss-Hermite nodes per axis for a Gaussian's ELBO (576 decodes, no sampling noise). */
export const GH_NODES = 24;

/**
 * The encoder's q(z|x) for a digit: the one place a label-reading encoder would change (the
 * decoder's is decoderLogLikelihood; the standard CVAE's decoder reads the label, the essay's
 * CVAE feeds it to the prior alone).
 */
export function encoderFor(model: LatentModel, pixels: Float32Array, label: number | null): { mu: Float32Array; logVar: Float32Array } {
  return encodeCpu(model.encoder, pixels, label ?? undefined);
}

/** The prior's mean for a digit: 0 for the VAE, the class mean mu^y for the essay's CVAE. */
export function priorMeanFor(model: LatentModel, label: number | null): Float32Array {
  const d = model.config.latentDim;
  if (!model.classMeans || label === null) return new Float32Array(d);
  return model.classMeans.slice(label * d, (label + 1) * d);
}

/**
 * log p(x, z) = log p(x|z) + log p(z) for each row of z, with p(x|z) the Bernoulli
 * likelihood (minus the summed cross-entropy, as in the ELBO at beta = 1) and
 * p(z) = N(priorMu, I), the prior's part in float64 on the host.
 */
async function logJointChunk(model: LatentModel, pixels: Float32Array, label: number | null, priorMu: Float32Array, z: Float32Array): Promise<Float64Array> {
  const d = model.config.latentDim;
  const n = z.length / d;
  const logLik = await decoderLogLikelihood(model.decoder, pixels, label, z);
  const out = new Float64Array(n);
  const norm = 0.5 * d * Math.log(2 * Math.PI);
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let k = 0; k < d; k++) {
      const e = z[i * d + k]! - priorMu[k]!;
      sq += e * e;
    }
    out[i] = logLik[i]! - 0.5 * sq - norm;
  }
  return out;
}

/** log p(x, z) at every z, CHUNK_CODES codes per yield. */
async function* logJointAll(model: LatentModel, pixels: Float32Array, label: number | null, priorMu: Float32Array, z: Float32Array): AsyncGenerator<void, Float64Array> {
  const d = model.config.latentDim;
  const n = z.length / d;
  const out = new Float64Array(n);
  for (let start = 0; start < n; start += CHUNK_CODES) {
    const end = Math.min(n, start + CHUNK_CODES);
    out.set(await logJointChunk(model, pixels, label, priorMu, z.subarray(start * d, end * d)), start);
    yield;
  }
  return out;
}

export interface GridIntegral {
  q: Gaussian2;
  priorMu: [number, number];
  lo: [number, number];
  h: [number, number];
  coarseLogJoint: Float64Array;
  plan: RefinePlan;
  fineLogJoint: Float64Array;
  points: QuadraturePoints;
  logPx: number;
}

function planeGaussian(mu: ArrayLike<number>, logVar: ArrayLike<number>): Gaussian2 {
  return { mu: [mu[0] ?? 0, mu[1] ?? 0], logVar: [logVar[0] ?? 0, logVar[1] ?? 0] };
}

/** log p(x) for a 2-D latent by the two-level grid of posteriorGrid.ts. */
export async function* gridIntegral(model: LatentModel, pixels: Float32Array, label: number | null): AsyncGenerator<void, GridIntegral> {
  if (model.config.latentDim !== 2) throw new Error('the grid needs a two-number code');
  const enc = encoderFor(model, pixels, label);
  const q = planeGaussian(enc.mu, enc.logVar);
  const prior = priorMeanFor(model, label);
  const { lo, hi } = gridWindow(q, prior);
  const coarse = latticeCentres(lo, hi, COARSE_SIDE);
  const coarseLogJoint = yield* logJointAll(model, pixels, label, prior, coarse.z);
  const plan = planRefinement(coarseLogJoint, lo, coarse.h, COARSE_SIDE, q);
  const fineLogJoint = yield* logJointAll(model, pixels, label, prior, plan.z);
  const points = assemblePoints(coarse.z, coarseLogJoint, coarse.h, plan, fineLogJoint);
  return { q, priorMu: [prior[0] ?? 0, prior[1] ?? 0], lo, h: coarse.h, coarseLogJoint, plan, fineLogJoint, points, logPx: gridLogPx(points) };
}

/** ELBO(q) = E_q[log p(x, z)] + H(q) by tensor-product Gauss-Hermite quadrature. */
export async function* gaussianElbo(model: LatentModel, pixels: Float32Array, label: number | null, q: Gaussian2): AsyncGenerator<void, number> {
  const prior = priorMeanFor(model, label);
  const gh = gaussHermitePoints(q, GH_NODES);
  const logJoint = yield* logJointAll(model, pixels, label, prior, gh.z);
  let expect = 0;
  for (let i = 0; i < logJoint.length; i++) expect += Math.exp(gh.logWeight[i]!) * logJoint[i]!;
  return expect + entropy2(q);
}

export const HEAT_SIDE = 120;
/** The heat map shows where the posterior is within this many nats of its peak (and q, and the best fit). */
const HEAT_NATS = 14;

/** The whole picture for one digit: log p(x), both ELBOs, the gaps and a heat-map raster. */
export async function* analyzeDigit(
  model: LatentModel, pixels: Float32Array, digit: number, label: number,
): AsyncGenerator<void, PosteriorAnalysis> {
  const t0 = performance.now();
  // Conditional models read the label: the essay CVAE's prior mean, the standard CVAE's encoder and decoder.
  const useLabel = model.config.conditional ? label : null;
  const grid = yield* gridIntegral(model, pixels, useLabel);
  const fit = fitBestGaussianSteps(grid.points, grid.q);
  let next = fit.next();
  while (!next.done) {
    yield;
    next = fit.next();
  }
  const best = next.value.q;
  const elboQ = yield* gaussianElbo(model, pixels, useLabel, grid.q);
  const elboBest = yield* gaussianElbo(model, pixels, useLabel, best);
  const { logPx } = grid;
  return {
    digit, label, pixels, step: model.step, logPx, elboQ, elboBest,
    klQGrid: gridKl(grid.points, grid.q, logPx),
    gapTotal: logPx - elboQ,
    gapApprox: logPx - elboBest,
    gapAmort: elboBest - elboQ,
    q: grid.q, best, priorMu: grid.priorMu,
    heat: heatRaster(grid, [grid.q, best]),
    gridPoints: grid.points.logJoint.length,
    split: grid.plan.split,
    ms: performance.now() - t0,
  };
}

/**
 * log p(z|x) on a square raster around the posterior's bulk and the two ellipses, looked up
 * from the quadrature (the sub-cell where refined, else the coarse cell).
 */
function heatRaster(grid: GridIntegral, gaussians: Gaussian2[]): PosteriorAnalysis['heat'] {
  const n = Math.round(Math.sqrt(grid.coarseLogJoint.length));
  const { lo, h, plan, logPx } = grid;
  let peak = -Infinity;
  for (const v of grid.coarseLogJoint) peak = Math.max(peak, v);
  for (const v of grid.fineLogJoint) peak = Math.max(peak, v);
  const box = { lo: [Infinity, Infinity], hi: [-Infinity, -Infinity] };
  const take = (x: number, y: number) => {
    box.lo[0] = Math.min(box.lo[0]!, x); box.hi[0] = Math.max(box.hi[0]!, x);
    box.lo[1] = Math.min(box.lo[1]!, y); box.hi[1] = Math.max(box.hi[1]!, y);
  };
  const pts = grid.points;
  for (let i = 0; i < pts.logJoint.length; i++) if (pts.logJoint[i]! >= peak - HEAT_NATS) take(pts.z[2 * i]!, pts.z[2 * i + 1]!);
  for (const g of gaussians) {
    const s0 = Math.exp(0.5 * g.logVar[0]);
    const s1 = Math.exp(0.5 * g.logVar[1]);
    take(g.mu[0] - 2.5 * s0, g.mu[1] - 2.5 * s1);
    take(g.mu[0] + 2.5 * s0, g.mu[1] + 2.5 * s1);
  }
  // Square, with a margin, so ellipses keep their shape and nothing touches the edge.
  const cx = (box.lo[0]! + box.hi[0]!) / 2;
  const cy = (box.lo[1]! + box.hi[1]!) / 2;
  const half = 0.6 * Math.max(box.hi[0]! - box.lo[0]!, box.hi[1]! - box.lo[1]!, 4 * Math.min(h[0], h[1]));
  const outLo: [number, number] = [cx - half, cy - half];
  const outHi: [number, number] = [cx + half, cy + half];
  const cellOf = new Map<number, number>();
  plan.cells.forEach((c, k) => cellOf.set(c, k));
  const side = HEAT_SIDE;
  const logDensity = new Float32Array(side * side);
  const step = (2 * half) / side;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const x = outLo[0] + (c + 0.5) * step;
      const y = outLo[1] + (r + 0.5) * step;
      const cc = Math.floor((x - lo[0]) / h[0]);
      const cr = Math.floor((y - lo[1]) / h[1]);
      let v = -Infinity;
      if (cc >= 0 && cc < n && cr >= 0 && cr < n) {
        const cell = cr * n + cc;
        const k = cellOf.get(cell);
        if (k === undefined) v = grid.coarseLogJoint[cell]!;
        else {
          const s = plan.split;
          const sc = Math.min(s - 1, Math.floor(((x - lo[0]) / h[0] - cc) * s));
          const sr = Math.min(s - 1, Math.floor(((y - lo[1]) / h[1] - cr) * s));
          v = grid.fineLogJoint[k * s * s + sr * s + sc]!;
        }
      }
      logDensity[r * side + c] = v - logPx;
    }
  }
  return { lo: outLo, hi: outHi, side, logDensity };
}

/**
 * Importance-weighted estimate of log p(x) for one digit (Burda et al.'s bound):
 * log (1/K) sum_k p(x, z_k) / q(z_k|x) with z_k ~ q. It never exceeds log p(x) in
 * expectation and approaches it as K grows. Seeded per digit, so two evaluations of one model
 * agree exactly and a change means the model changed.
 */
export async function* iwaeLogPx(
  model: LatentModel, pixels: Float32Array, label: number | null, samples: number, seed: number,
): AsyncGenerator<void, number> {
  const d = model.config.latentDim;
  const { mu, logVar } = encoderFor(model, pixels, label);
  // The label sets the essay CVAE's prior mean and is an input of the standard CVAE's decoder.
  const prior = priorMeanFor(model, label);
  const rng = createRng(seed);
  const logW = new Float64Array(samples);
  for (let start = 0; start < samples; start += CHUNK_CODES) {
    const k = Math.min(CHUNK_CODES, samples - start);
    const z = new Float32Array(k * d);
    const logQ = new Float64Array(k);
    let halfLogDet = 0;
    for (let j = 0; j < d; j++) halfLogDet += 0.5 * logVar[j]!;
    for (let i = 0; i < k; i++) {
      let sq = 0;
      for (let j = 0; j < d; j++) {
        const e = rng.normal();
        sq += e * e;
        z[i * d + j] = mu[j]! + Math.exp(0.5 * logVar[j]!) * e;
      }
      logQ[i] = -0.5 * d * Math.log(2 * Math.PI) - halfLogDet - 0.5 * sq;
    }
    const logJoint = await logJointChunk(model, pixels, label, prior, z);
    for (let i = 0; i < k; i++) logW[start + i] = logJoint[i]! - logQ[i]!;
    yield;
  }
  return logSumExp(logW) - Math.log(samples);
}

/** Runs a chunked job to the end at once (tests, scripts). */
export async function runToEnd<T>(job: AsyncGenerator<void, T>): Promise<T> {
  for (;;) {
    const r = await job.next();
    if (r.done) return r.value;
  }
}

export { logNormal2 };
