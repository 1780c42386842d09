import { useEffect, useRef } from 'react';
import { useLabState } from '../../hooks/useLab';
import { decodeCpu } from '../../model/cpuNet';
import { gaussianGridCodes, ManifoldGrid } from '../../plots/manifoldGrid';
import { offsetCode } from './decode';
import { LatentDimsChooser } from './LatentDimsChooser';
import { useContainerWidth, useLabSelection } from './labHooks';
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
  const frameRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<ManifoldGrid | null>(null);
  const jobRef = useRef<number | null>(null);
  const width = useContainerWidth(frameRef, maxSizePx + AXIS_GUTTER_PX);
  const sizePx = Math.max(140, Math.min(maxSizePx, width - AXIS_GUTTER_PX));
  const latentDim = useLabState((s) => s.config.latentDim);

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const grid = new ManifoldGrid(root, { n, span });
    gridRef.current = grid;
    return () => {
      if (jobRef.current !== null) cancelAnimationFrame(jobRef.current);
      jobRef.current = null;
      grid.destroy();
      gridRef.current = null;
    };
  }, [n, span]);

  // n and span are in the selection because new ones make a new grid, which needs its digits.
  useLabSelection((lab) => [
    lab.store.getState().snapshot, lab.view.getState().mapDims, centerOnClassMean ? lab.view.getState().cvaeClass : -1, sizePx, n, span,
  ] as const, ([snapshot, dims, cvaeClass]) => {
    const grid = gridRef.current;
    const root = rootRef.current;
    if (!grid || !root || !snapshot) return;

    const d = snapshot.decoder.latentDim;
    const dimX = Math.min(dims[0], d - 1);
    const dimY = Math.min(dims[1], d - 1);
    const base = centerOnClassMean ? classMean(snapshot.classMeans, cvaeClass) : null;
    const codes = gaussianGridCodes(n, d, dimX, dimY, span);
    const images = new Map<string, Float32Array>();
    let next = 0;
    if (jobRef.current !== null) cancelAnimationFrame(jobRef.current);
    const slice = () => {
      jobRef.current = null;
      const started = performance.now();
      while (next < codes.length && performance.now() - started < SLICE_MS) {
        const z = codes[next++];
        if (z) images.set(codeKey(z), decodeCpu(snapshot.decoder, offsetCode(z, base, d), undefined, centerOnClassMean ? cvaeClass : undefined));
      }
      if (next < codes.length) {
        jobRef.current = requestAnimationFrame(slice);
        return;
      }
      grid.setOptions({ n, span, dimX, dimY, sizePx });
      // update() regenerates the same codes (same n, dims, span), so each cell finds its image.
      grid.update({ latentDim: d, decode: (z) => images.get(codeKey(z)) ?? new Float32Array(784) });
      root.dataset.step = String(snapshot.step);
    };
    jobRef.current = requestAnimationFrame(slice);
  });

  return (
    <figure className="instrument manifold-grid-view">
      <div ref={frameRef}>
        <div ref={rootRef} className="plot-root" data-testid="manifold-grid" role="img"
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
