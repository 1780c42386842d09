/**
 * A small worker of its own for the transform page's "grey smudge": trains the tiny generator
 * of toy/smudgeGenerator on random (Z, X) pairs, so the page's main thread stays free.
 * In: { type: 'start', images, count, codes } once, then 'pause' / 'resume'.
 * Out: { type: 'progress', step, loss, outputs } about every 150 ms, outputs = g(code) per code.
 */
import { generate, SmudgeTrainer } from '../toy/smudgeGenerator';

export type SmudgeRequest =
  | { type: 'start'; images: Float32Array; count: number; codes: number[][]; seed: number }
  | { type: 'pause' }
  | { type: 'resume' };

export interface SmudgeProgress {
  type: 'progress';
  step: number;
  loss: number;
  /** codes.length x 784 */
  outputs: Float32Array;
}

const BATCH = 32;
const REPORT_EVERY_MS = 150;
const MAX_STEPS = 600;

let trainer: SmudgeTrainer | null = null;
let images: Float32Array | null = null;
let count = 0;
let codes: number[][] = [];
let running = false;
let loss = NaN;

function report(): void {
  if (!trainer) return;
  const outputs = new Float32Array(codes.length * 784);
  codes.forEach((z, i) => outputs.set(generate(trainer!.generator, z), i * 784));
  const msg: SmudgeProgress = { type: 'progress', step: trainer.steps, loss, outputs };
  postMessage(msg, { transfer: [outputs.buffer] });
}

function loop(): void {
  if (!running || !trainer || !images) return;
  const until = performance.now() + REPORT_EVERY_MS;
  while (performance.now() < until && trainer.steps < MAX_STEPS) loss = trainer.step(images, count, BATCH);
  report();
  if (trainer.steps >= MAX_STEPS) running = false;
  else setTimeout(loop, 0);
}

self.onmessage = (e: MessageEvent<SmudgeRequest>) => {
  const msg = e.data;
  if (msg.type === 'start') {
    trainer = new SmudgeTrainer(msg.seed);
    images = msg.images;
    count = msg.count;
    codes = msg.codes;
    running = true;
    report();
    loop();
  } else if (msg.type === 'pause') {
    running = false;
  } else if (!running && trainer && trainer.steps < MAX_STEPS) {
    running = true;
    loop();
  }
};
