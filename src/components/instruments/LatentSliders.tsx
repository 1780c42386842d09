import { useRef } from 'react';
import { useLabController, useLabState, useViewState } from '../../hooks/useLab';
import { createRng } from '../../math/random';
import { drawDecoded, offsetCode } from './decode';
import { LatentPad } from './LatentPad';
import { clampZ, Z_RANGE } from './padMath';
import { useLabSelection } from './labHooks';
import { classMean, testDigit } from './testDigits';
import { encodeCpu } from '../../model/cpuNet';
import { useTranslation } from '../../i18n';
import './instruments.css';

const DIGIT_SCALE = 10;

export interface LatentSlidersProps {
  /** CVAE: the sliders are offsets added to the chosen class's prior mean mu^y. */
  offsetFromClassMean?: boolean;
  /** Test id of the canvas the sliders draw into. */
  canvasTestId?: string;
  digitSizePx?: number;
  /** Show the 2-D pad when the latent size is 2 (default true). */
  showPad?: boolean;
  /** Seed of the "random z" button's draws, so a page reproduces. */
  seed?: number;
}

/**
 * One slider per latent dimension; every input event decodes z on the CPU with the latest
 * snapshot's weights and paints the digit in the same event handler (well under a millisecond for
 * a 2-512-784 decoder), so dragging stays smooth while the worker trains.
 */
export function LatentSliders({ offsetFromClassMean = false, canvasTestId = 'decoded-digit', digitSizePx = 196, showPad = true, seed = 7 }: LatentSlidersProps) {
  const lab = useLabController();
  const { t } = useTranslation();
  const latentDim = useLabState((s) => s.config.latentDim);
  const z = useViewState((s) => s.z);
  const selectedIndex = useViewState((s) => s.selectedIndex);
  const hasSnapshot = useLabState((s) => s.snapshot !== null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rng = useRef(createRng(seed));

  useLabSelection((l) => [l.store.getState().snapshot, l.view.getState().z, l.view.getState().cvaeClass, offsetFromClassMean] as const, ([snapshot, current, cvaeClass]) => {
    const canvas = canvasRef.current;
    if (!canvas || !snapshot) return;
    const base = offsetFromClassMean ? classMean(snapshot.classMeans, cvaeClass) : null;
    drawDecoded(canvas, snapshot.decoder, offsetCode(current, base, snapshot.decoder.latentDim), DIGIT_SCALE, offsetFromClassMean ? cvaeClass : undefined);
  });

  const setDim = (dim: number, value: number) => {
    const next = Array.from({ length: latentDim }, (_, d) => lab.view.getState().z[d] ?? 0);
    next[dim] = value;
    lab.view.setState({ z: next });
  };
  const setAll = (values: (d: number) => number) => lab.view.setState({ z: Array.from({ length: latentDim }, (_, d) => clampZ(values(d))) });
  const toSelected = () => {
    const { snapshot, testSet } = lab.store.getState();
    if (selectedIndex === null || !snapshot || !testSet || selectedIndex >= testSet.count) return;
    // The newest weights, as the map's readout and the sampler use, not the map's older codes.
    const { mu } = encodeCpu(snapshot.encoder, testDigit(testSet, selectedIndex));
    lab.view.setState({ z: Array.from({ length: latentDim }, (_, k) => mu[k] ?? 0) });
  };
  const symbol = offsetFromClassMean ? 'Δz' : 'z';

  return (
    <figure className="instrument latent-sliders">
      <div className="sliders-body">
        <div className="sliders-digit">
          <canvas ref={canvasRef} className="digit-canvas decoded-digit" data-testid={canvasTestId} width={28 * DIGIT_SCALE} height={28 * DIGIT_SCALE}
            style={{ width: digitSizePx, height: digitSizePx }} role="img" aria-label={t('instruments.sliders.decoded', { symbol, values: z.slice(0, latentDim).map((v) => v.toFixed(2)).join(', ') })} />
          {!hasSnapshot && <p className="hint">{t('instruments.sliders.waiting')}</p>}
        </div>
        {showPad && latentDim === 2 && <LatentPad label={t(offsetFromClassMean ? 'instruments.pad.offsetPlane' : 'instruments.pad.latentPlane')} />}
        <div className="sliders-list">
          {Array.from({ length: latentDim }, (_, d) => {
            const value = z[d] ?? 0;
            // A sampled z (mu + eps sigma) can land past 3: the track then widens to include it.
            const range = Math.max(Z_RANGE, Math.ceil(Math.abs(value)));
            return (
              <label key={d} className="latent-slider">
                <span className="latent-slider-name">{symbol}<sub>{d + 1}</sub></span>
                <input type="range" min={-range} max={range} step={0.01} value={value} data-testid={`latent-slider-${d}`}
                  aria-label={t(offsetFromClassMean ? 'instruments.sliders.dimensionOffset' : 'instruments.sliders.dimension', { dim: d + 1 })}
                  aria-valuetext={value.toFixed(2)} onChange={(e) => setDim(d, Number(e.target.value))} />
                <output className="latent-slider-value">{value.toFixed(2)}</output>
              </label>
            );
          })}
          <div className="sliders-actions">
            <button type="button" data-testid="latent-zero" onClick={() => setAll(() => 0)}>{symbol} = 0</button>
            <button type="button" data-testid="latent-random" onClick={() => setAll(() => rng.current.normal())}>{t('instruments.sliders.random', { symbol })}</button>
            {!offsetFromClassMean && (
              <button type="button" data-testid="latent-to-selected" disabled={selectedIndex === null} onClick={toSelected}
                title={t('instruments.sliders.toSelectedTitle')}>{t('instruments.sliders.toSelected')}</button>
            )}
          </div>
        </div>
      </div>
    </figure>
  );
}
