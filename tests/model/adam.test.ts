import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../helpers/tfWasm';
import { Adam } from '../../src/model/adam';

beforeAll(useWasmBackend);

const made: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const x of made.splice(0)) x.dispose();
});

function variable(values: number[]): tf.Variable {
  const v = tf.variable(tf.tensor1d(values));
  made.push(v);
  return v;
}

function adam(vars: tf.Variable[], lr: number, epsilon?: number): Adam {
  const a = new Adam(vars, lr, 0.9, 0.999, epsilon);
  made.push(a);
  return a;
}

function step(opt: Adam, grads: number[][]): void {
  const g = grads.map((x) => tf.tensor1d(x));
  opt.apply(g);
  g.forEach((t) => t.dispose());
}

/**
 * Kingma & Ba's Algorithm 1, written out in float64 apart from the code under test: the
 * moments, their bias-corrected copies m/(1-b1^t) and v/(1-b2^t), and the update.
 * `epsHat` places epsilon as the paper's "more efficient" ordering (end of its section 2) does,
 * lr_t = lr sqrt(1-b2^t)/(1-b1^t) and x -= lr_t m / (sqrt(v) + epsHat); with epsilon 0 the two
 * orderings are the same number.
 */
function reference(x0: number[], grads: number[][], lr: number, opts: { firstT?: number; epsHat?: number } = {}): number[] {
  const b1 = 0.9;
  const b2 = 0.999;
  const x = x0.slice();
  const m = x0.map(() => 0);
  const v = x0.map(() => 0);
  grads.forEach((g, k) => {
    const t = (opts.firstT ?? 1) + k;
    for (let i = 0; i < x.length; i++) {
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! * g[i]!;
      if (opts.epsHat === undefined) {
        const mHat = m[i]! / (1 - b1 ** t);
        const vHat = v[i]! / (1 - b2 ** t);
        x[i] = x[i]! - (lr * mHat) / Math.sqrt(vHat);
      } else {
        const lrT = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
        x[i] = x[i]! - (lrT * m[i]!) / (Math.sqrt(v[i]!) + opts.epsHat);
      }
    }
  });
  return x;
}

describe('Adam against steps computed by hand', () => {
  it('first step: bias correction makes it exactly lr against the gradient\'s sign, whatever the gradient\'s size', () => {
    const x = variable([1, -0.5, 3]);
    const opt = adam([x], 0.01, 0);
    step(opt, [[2, -1e-3, 40]]);
    // t = 1: m = 0.1 g, v = 0.001 g^2, m/(1-0.9) = g, v/(1-0.999) = g^2, update = lr g/|g|.
    const got = x.dataSync();
    expect(got[0]).toBeCloseTo(0.99, 6);
    expect(got[1]).toBeCloseTo(-0.49, 6);
    expect(got[2]).toBeCloseTo(2.99, 6);
  });

  it('second step, by hand: m = 0.08, v = 0.004996, corrected 0.421053 and 2.499250, x = 0.987337', () => {
    const x = variable([1]);
    const opt = adam([x], 0.01, 0);
    step(opt, [[2]]);
    step(opt, [[-1]]);
    // m2 = 0.9 (0.2) + 0.1 (-1) = 0.08; v2 = 0.999 (0.004) + 0.001 (1) = 0.004996;
    // mHat = 0.08 / 0.19 = 0.4210526; vHat = 0.004996 / 0.001999 = 2.4992496;
    // x2 = 0.99 - 0.01 (0.4210526 / 1.5809015) = 0.9873366.
    expect(x.dataSync()[0]).toBeCloseTo(0.9873366, 6);
    expect(Array.from(opt.m[0]!.dataSync())[0]).toBeCloseTo(0.08, 7);
    expect(Array.from(opt.v[0]!.dataSync())[0]).toBeCloseTo(0.004996, 8);
  });

  it('ten steps over two variables match Algorithm 1 (epsilon 0) and the epsilon-hat ordering (epsilon 1e-3)', () => {
    const grads = Array.from({ length: 10 }, (_, k) => [[Math.sin(k + 1), 0.3 - 0.07 * k], [Math.cos(3 * k) * 0.01]]);
    for (const eps of [0, 1e-3]) {
      const a = variable([0.5, -2]);
      const b = variable([7]);
      const opt = adam([a, b], 0.05, eps);
      for (const g of grads) step(opt, g);
      const refOpts = eps === 0 ? {} : { epsHat: eps };
      const wantA = reference([0.5, -2], grads.map((g) => g[0]!), 0.05, refOpts);
      const wantB = reference([7], grads.map((g) => g[1]!), 0.05, refOpts);
      Array.from(a.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(wantA[i]!, 5));
      expect(b.dataSync()[0]).toBeCloseTo(wantB[0]!, 5);
      expect(opt.step).toBe(10);
      expect(opt.momentSteps).toBe(10);
    }
  });
});

describe('Adam counts the moments\' age, not the model\'s', () => {
  it('bias correction follows momentSteps: a model 3,000 steps old with fresh moments moves by lr', () => {
    const x = variable([1, 1]);
    const opt = adam([x], 0.01, 0);
    opt.step = 3000;
    step(opt, [[5, -0.2]]);
    expect(opt.step).toBe(3001);
    expect(opt.momentSteps).toBe(1);
    // Had t been 3001, the first update would be lr sqrt(1-0.999^3001)/(1-0.9^3001) * 0.1g/sqrt(0.001)|g| = 3.16 lr.
    expect(Array.from(x.dataSync())[0]).toBeCloseTo(0.99, 6);
    expect(Array.from(x.dataSync())[1]).toBeCloseTo(1.01, 6);
  });

  it('restored moments continue at their own age: three steps then two more equal five steps in one run', () => {
    const grads = [[0.4], [-1.2], [0.9], [0.05], [-0.3]];
    const x = variable([2]);
    const opt = adam([x], 0.02, 1e-7);
    for (const g of grads.slice(0, 3)) step(opt, [g]);
    // A save and a load: weights, m, v and momentSteps into a fresh optimizer of an older model.
    const y = variable(Array.from(x.dataSync()));
    const again = adam([y], 0.02, 1e-7);
    again.m[0]!.assign(opt.m[0]!);
    again.v[0]!.assign(opt.v[0]!);
    again.momentSteps = opt.momentSteps;
    again.step = 9000;
    for (const g of grads.slice(3)) step(again, [g]);
    expect(again.momentSteps).toBe(5);
    expect(y.dataSync()[0]).toBeCloseTo(reference([2], grads, 0.02, { epsHat: 1e-7 })[0]!, 5);
    // Against the wrong age (t from 9001), the result would differ in the 3rd decimal place.
    const wrongAge = reference(Array.from(x.dataSync()), grads.slice(3), 0.02, { firstT: 9001, epsHat: 1e-7 })[0]!;
    expect(Math.abs(wrongAge - y.dataSync()[0]!)).toBeGreaterThan(1e-3);
  });

  it('leaves no tensor behind per step', () => {
    const x = variable([1, 2, 3]);
    const opt = adam([x], 0.01);
    step(opt, [[1, 1, 1]]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step(opt, [[0.1 * i, -1, 2]]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
