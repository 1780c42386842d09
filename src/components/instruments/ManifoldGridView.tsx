import { useLabState } from '../../hooks/useLab';
import { decodeCpu } from '../../model/cpuNet';
import { gaussianGridCodes, ManifoldGrid } from '../../plots/manifoldGrid';
import { offsetCode } from './decode';
import { LatentDimsChooser } from './LatentDimsChooser';
import { usePlot } from '../usePlot';
import { useLabSelection } from './labHooks';
import { classMean } from './testDigits';
import { useTranslation } from '../../i18n';
import './instruments.css';

export interface ManifoldGridViewProps {
  /** Cells per side (default 15). */
  n?: number;
  /** Central prior mass the grid covers (default 0.9: quantiles 0.05 .. 0.95). */
  span?: number;
  maxSizePx?: number;
  /** CVAE: the grid is offsets around the chosen class's prior mean mu^y. */
  centerOnClassMean?: boolean;
}

/** Main-thread time one slice of decoding may take before yielding a frame (a long task is 50 ms). */
const SLICE_MS = 8;
const AXIS_GUTTER_PX = 34;

/**
 * Digits decoded over an n x n grid of the latent plane at Gaussian quantiles (the classic Keras
 * figure), redrawn for every snapshot. n^2 CPU decodes take ~100 ms, so they run in slices across
 * animation frames and the finished grid is painted at once.
 */
export function ManifoldGridView({ n = 15, span = 0.9, maxSizePx = 420, centerOnClassMean = false }: ManifoldGridViewProps) {
  const { t } = useTranslation();
  const { ref, width, draw } = usePlot((root) => new ManifoldGrid(root, { n, span }), { fallbackWidth: maxSizePx + AXIS_GUTTER_PX });
  const sizePx = Math.max(140, Math.min(maxSizePx, width - AXIS_GUTTER_PX));
  const latentDim = useLabState((s) => s.config.latentDim);

  // n and span are in the selection because the grid takes new ones when it is next painted.
  useLabSelection((lab) => [
    lab.store.getState().snapshot, lab.view.getState().mapDims, centerOnClassMean ? lab.view.getState().cvaeClass : -1, sizePx, n, span,
  ] as const, ([snapshot, dims, cvaeClass]) => {
    if (!snapshot) return;
    const d = snapshot.decoder.latentDim;
    const dimX = Math.min(dims[0], d - 1);
    const dimY = Math.min(dims[1], d - 1);
    const base = centerOnClassMean ? classMean(snapshot.classMeans, cvaeClass) : null;
    const codes = gaussianGridCodes(n, d, dimX, dimY, span);
    const images = new Map<string, Float32Array>();
    let next = 0;
    // Each frame decodes one slice and schedules the next; a newer snapshot's first slice replaces it.
    const slice = (grid: ManifoldGrid) => {
      const started = performance.now();
      while (next < codes.length && performance.now() - started < SLICE_MS) {
        const z = codes[next++];
        if (z) images.set(codeKey(z), decodeCpu(snapshot.decoder, offsetCode(z, base, d), undefined, centerOnClassMean ? cvaeClass : undefined));
      }
      if (next < codes.length) {
        draw(slice);
        return;
      }
      grid.setOptions({ n, span, dimX, dimY, sizePx });
      // update() regenerates the same codes (same n, dims, span), so each cell finds its image.
      grid.update({ latentDim: d, decode: (z) => images.get(codeKey(z)) ?? new Float32Array(784) });
      if (ref.current) ref.current.dataset.step = String(snapshot.step);
    };
    draw(slice);
  });

  return (
    <figure className="instrument manifold-grid-view">
      <div>
        <div ref={ref} className="plot-root" data-testid="manifold-grid" role="img"
          aria-label={t('instruments.manifold.figure', { n })} />
      </div>
      <LatentDimsChooser />
      <figcaption>
        {t('instruments.manifold.caption')}{latentDim > 2 ? t('instruments.manifold.otherDims') : ''}
        {centerOnClassMean ? t('instruments.manifold.classMean') : ''}
      </figcaption>
    </figure>
  );
}

function codeKey(z: Float32Array): string {
  return Array.prototype.join.call(z, ',');
}
