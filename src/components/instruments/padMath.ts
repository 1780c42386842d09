/** Sliders and pad span z in [-Z_RANGE, Z_RANGE]: 3 prior standard deviations each way. */
export const Z_RANGE = 3;

export function clampZ(v: number): number {
  return Math.max(-Z_RANGE, Math.min(Z_RANGE, v));
}

/**
 * Geometry of the 2-D latent pad, pure so it is tested without a layout engine: a square of side
 * `size` px shows z1 in [-range, range] left to right and z2 bottom to top (y up, like the map).
 */
export function padToLatent(px: number, py: number, size: number, range: number): [number, number] {
  const clamp = (v: number) => Math.max(-range, Math.min(range, v));
  const round = (v: number) => Math.round(v * 100) / 100; // the sliders' 0.01 step
  return [round(clamp((px / size) * 2 * range - range)), round(clamp(range - (py / size) * 2 * range))];
}

export function latentToPad(zx: number, zy: number, size: number, range: number): [number, number] {
  return [((zx + range) / (2 * range)) * size, ((range - zy) / (2 * range)) * size];
}

/** The pad's keyboard: arrows move 0.1 (0.5 with Shift), Home or 0 centres; null for other keys. */
export function padStep(key: string, shift: boolean, z: [number, number], range: number): [number, number] | null {
  const step = shift ? 0.5 : 0.1;
  const clamp = (v: number) => Math.round(Math.max(-range, Math.min(range, v)) * 100) / 100;
  const [x, y] = z;
  switch (key) {
    case 'ArrowLeft': return [clamp(x - step), y];
    case 'ArrowRight': return [clamp(x + step), y];
    case 'ArrowUp': return [x, clamp(y + step)];
    case 'ArrowDown': return [x, clamp(y - step)];
    case 'Home':
    case '0': return [0, 0];
    default: return null;
  }
}
