// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { GreySmudgeFigure, type SmudgeWorkerLike } from '../../../src/components/figures/GreySmudgeFigure';
import { generate, SmudgeTrainer } from '../../../src/toy/smudgeGenerator';
import type { SmudgeProgress, SmudgeRequest } from '../../../src/worker/smudgeWorker';
import { byTestId, cleanup, makeLab, recordingCanvas, render } from '../instruments/fakeLab';

afterEach(cleanup);

/** Runs the real trainer in-thread, reporting when the test asks, as the worker does every 150 ms. */
class InlineWorker implements SmudgeWorkerLike {
  onmessage: ((e: MessageEvent<SmudgeProgress>) => void) | null = null;
  trainer: SmudgeTrainer | null = null;
  start: Extract<SmudgeRequest, { type: 'start' }> | null = null;
  terminated = false;
  postMessage(msg: SmudgeRequest): void {
    if (msg.type === 'start') {
      this.start = msg;
      this.trainer = new SmudgeTrainer(msg.seed);
    }
  }
  train(steps: number): void {
    const { trainer, start } = this;
    if (!trainer || !start) throw new Error('not started');
    for (let i = 0; i < steps; i++) trainer.step(start.images, start.count, 16);
    const outputs = new Float32Array(start.codes.length * 784);
    start.codes.forEach((z, i) => outputs.set(generate(trainer.generator, z), i * 784));
    act(() => this.onmessage?.({ data: { type: 'progress', step: trainer.steps, loss: 0, outputs } } as MessageEvent<SmudgeProgress>));
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('GreySmudgeFigure', () => {
  it('trains on random pairs of the page\'s digits and its outputs close in on their average', () => {
    recordingCanvas();
    const worker = new InlineWorker();
    const lab = makeLab(2);
    render(lab, <GreySmudgeFigure createWorker={() => worker} />);
    expect(byTestId('fig-smudge-real-model').textContent).toContain('step 0');
    expect(byTestId('fig-smudge-load-pretrained')).toBeTruthy();
    act(() => byTestId('fig-smudge-train').click());
    expect(worker.start?.count).toBe(60);
    worker.train(0);
    const d0 = Number(byTestId('fig-smudge-distance').textContent);
    worker.train(100);
    const d1 = Number(byTestId('fig-smudge-distance').textContent);
    expect(Number(byTestId('fig-smudge-step').textContent)).toBe(100);
    expect(d0).toBeGreaterThan(0.2);
    expect(d1).toBeLessThan(d0 / 2);
    expect(byTestId('fig-smudge-train').textContent).toBe('Pause');
  }, 240_000);
});
