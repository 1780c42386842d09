/**
 * A soft round brush on a 28x28 grid and the MNIST preprocessing of a drawing, pure so they are
 * tested without a canvas. MNIST strokes are ~2-3 px wide with a saturated core and grey
 * anti-aliased edges; a hard 1-px pen gives digits the encoder has never seen.
 */
import { IMAGE_SIZE, PIXELS } from '../../shared/types';

/** Brush width: sigma of the Gaussian profile, in digit pixels. */
export const BRUSH_SIGMA = 1.0;
/**
 * Profile gain: > 1 saturates the core. Across a straight stroke the pixels read about
 * 0.08, 0.58, 1, 1, 0.58, 0.08, like a pen stroke in MNIST.
 */
const GAIN = 1.8;

/**
 * One dab at (cx, cy) in pixel units (pixel centres at i + 0.5). Each pixel keeps the max of its
 * value and GAIN * exp(-d^2 / (2 sigma^2)), clamped to 1: overlapping dabs along a stroke do not
 * pile up into a blob.
 */
export function stampBrush(pixels: Float32Array, cx: number, cy: number, sigma = BRUSH_SIGMA): void {
  const reach = Math.ceil(3 * sigma);
  const x0 = Math.max(0, Math.floor(cx) - reach);
  const x1 = Math.min(IMAGE_SIZE - 1, Math.floor(cx) + reach);
  const y0 = Math.max(0, Math.floor(cy) - reach);
  const y1 = Math.min(IMAGE_SIZE - 1, Math.floor(cy) + reach);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const v = Math.min(1, GAIN * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)));
      const i = y * IMAGE_SIZE + x;
      if (v > (pixels[i] ?? 0)) pixels[i] = v;
    }
  }
}

/** Dabs every quarter pixel from (x0, y0) to (x1, y1), so a fast stroke leaves no gaps. */
export function strokeSegment(pixels: Float32Array, x0: number, y0: number, x1: number, y1: number, sigma = BRUSH_SIGMA): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 0.25));
  for (let k = 0; k <= steps; k++) {
    const t = k / steps;
    stampBrush(pixels, x0 + t * (x1 - x0), y0 + t * (y1 - y0), sigma);
  }
}

/**
 * What MNIST did to every digit: fit the ink's bounding box into 20x20 (keeping its aspect
 * ratio, bilinear), then shift it so its centre of mass sits at the image centre. A drawing
 * made big or off-centre on the pad then looks to the encoder like the digits it trained on.
 * Returns a new array; a blank drawing stays blank.
 */
export function normalizeLikeMnist(pixels: Float32Array, threshold = 0.05): Float32Array {
  let minX = IMAGE_SIZE;
  let minY = IMAGE_SIZE;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      if ((pixels[y * IMAGE_SIZE + x] ?? 0) <= threshold) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  if (maxX < 0) return new Float32Array(PIXELS);
  const w = maxX - minX + 1;
  const h = maxY - minY + 1;
  const scale = Math.min(1, 20 / Math.max(w, h)); // shrink big drawings, never enlarge small ones
  const sw = Math.max(1, Math.round(w * scale));
  const sh = Math.max(1, Math.round(h * scale));
  // Resample the box into sw x sh, placed at the top-left for now.
  const boxed = new Float32Array(PIXELS);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const sx = minX + ((x + 0.5) / sw) * w - 0.5;
      const sy = minY + ((y + 0.5) / sh) * h - 0.5;
      boxed[y * IMAGE_SIZE + x] = bilinear(pixels, sx, sy);
    }
  }
  // Centre of mass of the resampled ink, moved to (14, 14) like MNIST (pixel centres at i + 0.5).
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const v = boxed[y * IMAGE_SIZE + x] ?? 0;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const shiftX = Math.round(IMAGE_SIZE / 2 - mx / mass);
  const shiftY = Math.round(IMAGE_SIZE / 2 - my / mass);
  const out = new Float32Array(PIXELS);
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      const tx = x + shiftX;
      const ty = y + shiftY;
      if (tx < 0 || ty < 0 || tx >= IMAGE_SIZE || ty >= IMAGE_SIZE) continue;
      out[ty * IMAGE_SIZE + tx] = boxed[y * IMAGE_SIZE + x] ?? 0;
    }
  }
  return out;
}

function bilinear(pixels: Float32Array, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xx: number, yy: number) => (xx < 0 || yy < 0 || xx >= IMAGE_SIZE || yy >= IMAGE_SIZE ? 0 : pixels[yy * IMAGE_SIZE + xx] ?? 0);
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

/** Centre of mass (x, y) in pixel units, or null for a blank image. */
export function centreOfMass(pixels: ArrayLike<number>): [number, number] | null {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      const v = pixels[y * IMAGE_SIZE + x] ?? 0;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return mass > 0 ? [mx / mass, my / mass] : null;
}
