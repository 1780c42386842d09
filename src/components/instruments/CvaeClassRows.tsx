import { useRef } from 'react';
import { useLabState, useViewState } from '../../hooks/useLab';
import { decodeCpu } from '../../model/cpuNet';
import { createRng } from '../../math/random';
import { NUM_CLASSES, type ModelSnapshot } from '../../shared/types';
import { drawDigitGrid } from '../../plots/digitCanvas';
import { offsetCode } from './decode';
import { useFrameScheduler } from '../frameScheduler';
import { useLabSelection } from './labHooks';
import { classMean } from './testDigits';
import { useTranslation } from '../../i18n';
import './instruments.css';

const SCALE = 2;
/** Fixed offsets beside the sliders' own: seeded draws from N(0, I), the same for every class. */
const EXTRA_OFFSETS = 5;
const OFFSET_SEED = 31;

export function sharedOffsets(current: ArrayLike<number>, latentDim: number): Float32Array[] {
  const rng = createRng(OFFSET_SEED);
  const fixed = Array.from({ length: EXTRA_OFFSETS }, () => Float32Array.from({ length: latentDim }, () => rng.normal()));
  return [offsetCode(current, null, latentDim), ...fixed];
}

/** Row y, column k: class y decoded at its prior centre plus offset k (mu^y for the essay's CVAE, 0 for the standard). */
export function classRowImages(snapshot: ModelSnapshot, offsets: Float32Array[]): Float32Array[] {
  const d = snapshot.decoder.latentDim;
  const images: Float32Array[] = [];
  for (let y = 0; y < NUM_CLASSES; y++) {
    const base = classMean(snapshot.classMeans, y);
    for (const dz of offsets) images.push(decodeCpu(snapshot.decoder, offsetCode(dz, base, d), undefined, y));
  }
  return images;
}

/**
 * One row per class, one column per offset Δz shared by all rows: the first column is the
 * sliders' Δz, the others fixed draws. A conditional model that separates class from style keeps
 * each column's slant and thickness and each row's digit.
 */
export function CvaeClassRows() {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const latentDim = useLabState((s) => s.config.latentDim);
  const dz = useViewState((s) => s.z);
  const { schedule } = useFrameScheduler();
  useLabSelection((lab) => [lab.store.getState().snapshot, lab.view.getState().z] as const, ([snapshot, z]) => {
    if (!snapshot) return;
    schedule(() => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const offsets = sharedOffsets(z, snapshot.decoder.latentDim);
      drawDigitGrid(canvas, classRowImages(snapshot, offsets), { rows: NUM_CLASSES, cols: offsets.length, scale: SCALE });
      canvas.dataset.step = String(snapshot.step);
    });
  });
  return (
    <figure className="instrument cvae-class-rows" data-testid="cvae-class-rows">
      <div className="cvae-class-rows-body">
        <div className="cvae-class-rows-labels" aria-hidden="true">
          {Array.from({ length: NUM_CLASSES }, (_, y) => <span key={y}>{y}</span>)}
        </div>
        <canvas ref={canvasRef} className="digit-strip" data-testid="cvae-class-rows-canvas" role="img"
          aria-label={t('instruments.classRows.canvas')} />
      </div>
      <figcaption>
        {t('instruments.classRows.caption', {
          dz: Array.from({ length: Math.min(latentDim, 4) }, (_, k) => (dz[k] ?? 0).toFixed(2)).join(', ') + (latentDim > 4 ? ', …' : ''),
        })}
      </figcaption>
    </figure>
  );
}
