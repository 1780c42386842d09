import { decodeCpu } from '../../model/cpuNet';
import type { DecoderWeights } from '../../shared/types';
import { PIXELS } from '../../shared/types';
import { drawDigit } from '../../plots/digitCanvas';

/** z + base, elementwise (base: the CVAE class mean mu^y the sliders are offsets from). */
export function offsetCode(z: ArrayLike<number>, base: ArrayLike<number> | null, latentDim: number): Float32Array {
  const out = new Float32Array(latentDim);
  for (let d = 0; d < latentDim; d++) out[d] = (z[d] ?? 0) + (base?.[d] ?? 0);
  return out;
}

/** Straight line between two codes: `steps` points from a (t = 0) to b (t = 1) inclusive. */
export function lerpCodes(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float32Array[] {
  const n = Math.min(a.length, b.length);
  return Array.from({ length: steps }, (_, k) => {
    const t = steps === 1 ? 0 : k / (steps - 1);
    const z = new Float32Array(n);
    for (let d = 0; d < n; d++) z[d] = (a[d] ?? 0) + t * ((b[d] ?? 0) - (a[d] ?? 0));
    return z;
  });
}

const scratch = new Float32Array(PIXELS);

/**
 * Decodes one code on the CPU and paints it into `canvas` at `scale` bitmap pixels per digit
 * pixel (label: the class a standard CVAE's decoder is given). Returns the milliseconds taken (decode + paint), which the canvas also carries in
 * data-decode-ms so a browser test can read the real cost.
 */
export function drawDecoded(canvas: HTMLCanvasElement, decoder: DecoderWeights, z: ArrayLike<number>, scale: number, label?: number): number {
  const started = performance.now();
  decodeCpu(decoder, z, scratch, label);
  drawDigit(canvas, scratch, { scale });
  const ms = performance.now() - started;
  canvas.dataset.decodeMs = ms.toFixed(2);
  return ms;
}
