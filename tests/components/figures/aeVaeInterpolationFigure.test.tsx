// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AeVaeInterpolationFigure, interpolationPath } from '../../../src/components/figures/AeVaeInterpolationFigure';
import { loadShippedModel } from '../../../src/components/figures/shippedModels';
import { decodeModelFile } from '../../../src/model/modelFile';
import { byTestId, cleanup, makeLab, recordingCanvas, render, setInput } from '../instruments/fakeLab';

const shipped = (file: string) => readFileSync(resolve(import.meta.dirname, '../../../public/pretrained', file));

function stubFetch() {
  vi.stubGlobal('fetch', (url: string) => {
    const file = String(url).split('/').pop() ?? '';
    return Promise.resolve(new Response(shipped(file)));
  });
}

afterEach(cleanup);

describe('AeVaeInterpolationFigure', () => {
  it('the shipped autoencoder is the VAE\'s twin: same network and steps, beta 0', () => {
    const vae = decodeModelFile(shipped('vae-latent2.vaelab'));
    const ae = decodeModelFile(shipped('ae-latent2.vaelab'));
    expect(ae.settings.klWeight).toBe(0);
    expect(vae.settings.klWeight).toBe(1);
    expect(ae.step).toBe(vae.step);
    expect(ae.config).toEqual(vae.config);
  });

  it('decodes the same path with both shipped models, names them, and follows the chosen digits', async () => {
    stubFetch();
    recordingCanvas();
    const lab = makeLab(2);
    render(lab, <AeVaeInterpolationFigure />);
    await act(async () => {
      await loadShippedModel('vae-latent2.vaelab');
      await loadShippedModel('ae-latent2.vaelab');
    });
    const vae = byTestId<HTMLCanvasElement>('fig-ae-vae-vae');
    const ae = byTestId<HTMLCanvasElement>('fig-ae-vae-ae');
    expect(byTestId('fig-ae-vae').textContent).toContain('autoencoder (β = 0)');
    expect(byTestId('fig-ae-vae').textContent).toMatch(/VAE \(β = 1\): trained in advance for 31,000 steps/);
    const vaeMean = vae.dataset.meanIntensity;
    expect(vaeMean).not.toBe(ae.dataset.meanIntensity);
    setInput(byTestId<HTMLSelectElement>('fig-ae-vae-from'), 7);
    expect(vae.dataset.meanIntensity).not.toBe(vaeMean);
  });

  it('a path starts and ends at the decoded codes of its two digits', async () => {
    stubFetch();
    const model = await loadShippedModel('ae-latent2.vaelab');
    const a = new Float32Array(784).fill(0.1);
    const b = new Float32Array(784);
    b.fill(0.9, 300, 400);
    const path = interpolationPath(model, a, b, 5);
    expect(path).toHaveLength(5);
    expect(path[0]).not.toEqual(path[4]);
  });
});
