/**
 * Canvas drawing of thousands of latent codes. SVG would need one element per point and redraws
 * several times a second; one canvas path per digit colour is ~10 fills per frame instead.
 */
import { digitColor } from './latentGeometry';

/** The part of CanvasRenderingContext2D this drawer uses, so tests can pass a recorder. */
export type PointContext = Pick<
  CanvasRenderingContext2D,
  'setTransform' | 'clearRect' | 'beginPath' | 'moveTo' | 'arc' | 'fill' | 'fillStyle' | 'globalAlpha'
>;

export interface PointStyle {
  radiusPx: number;
  opacity: number;
  /** Canvas pixels per CSS pixel (devicePixelRatio), so points stay sharp on dense screens. */
  pixelRatio: number;
  widthPx: number;
  heightPx: number;
}

/**
 * Groups points by label and fills each group as one path. `xy` is [x0, y0, x1, y1, ...] in CSS
 * pixels; NaN entries (non-finite codes) are skipped. Later digits overlap earlier ones; at this
 * opacity that bias is not visible, and the speed matters more. Returns how many points were drawn.
 */
export function drawLatentPoints(ctx: PointContext, xy: Float32Array, labels: ArrayLike<number>, style: PointStyle): number {
  const { radiusPx: r, pixelRatio } = style;
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, style.widthPx, style.heightPx);
  ctx.globalAlpha = style.opacity;
  const count = xy.length / 2;
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const label = labels[i] ?? -1;
    let group = byLabel.get(label);
    if (!group) byLabel.set(label, (group = []));
    group.push(i);
  }
  let drawn = 0;
  for (const [label, group] of [...byLabel].sort((a, b) => a[0] - b[0])) {
    ctx.fillStyle = digitColor(label < 0 ? undefined : label);
    ctx.beginPath();
    for (const i of group) {
      const px = xy[2 * i] ?? NaN;
      const py = xy[2 * i + 1] ?? NaN;
      if (Number.isNaN(px) || Number.isNaN(py)) continue;
      ctx.moveTo(px + r, py);
      ctx.arc(px, py, r, 0, 2 * Math.PI);
      drawn++;
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  return drawn;
}
