import { useRef, useState } from 'react';
import { decodeCpu, encodeCpu } from '../../model/cpuNet';
import { createRng } from '../../math/random';
import type { ModelSnapshot } from '../../shared/types';
import { NUM_CLASSES } from '../../shared/types';
import { drawDigitGrid } from '../../plots/digitCanvas';
import { useLabState } from '../../hooks/useLab';
import { useFrameScheduler } from '../frameScheduler';
import { useLabSelection } from './labHooks';
import { classMean, indicesByClass, testDigit } from './testDigits';
import { useTranslation } from '../../i18n';
import './instruments.css';

export interface ReconstructionsViewProps {
  /** Test digits shown (default 10, one of each class). */
  count?: number;
  /** Samples from the prior (default 10). */
  samples?: number;
  /** Seed of the prior draws; "resample" moves to the next seed, so a page reloads the same. */
  seed?: number;
}

const SCALE = 2;

/**
 * Held-out digits above their reconstructions (decoded at the posterior mean mu), and digits
 * decoded from z ~ N(0, I): the prior, which is what the model generates from. For a CVAE the
 * prior of class y is N(mu^y, I) and sample i uses class i mod 10.
 */
export function ReconstructionsView({ count = 10, samples = 10, seed = 1 }: ReconstructionsViewProps) {
  const { t } = useTranslation();
  const originalsRef = useRef<HTMLCanvasElement>(null);
  const reconRef = useRef<HTMLCanvasElement>(null);
  const samplesRef = useRef<HTMLCanvasElement>(null);
  const [draw, setDraw] = useState(0);
  const conditional = useLabState((s) => s.config.conditional);
  const standard = useLabState((s) => s.config.conditional && s.config.kind === 'standard');

  const priorFrame = useFrameScheduler();
  useLabSelection((lab) => [lab.store.getState().snapshot, lab.store.getState().testSet, draw, count, samples, seed] as const, (now, before) => {
    const [snapshot, testSet] = now;
    // A click or new props repaint both strips at once; only a new snapshot may wait a frame.
    const newDraw = !before || now.slice(2).some((v, i) => v !== before[i + 2]);
    const newTestSet = newDraw || testSet !== before[1];
    if (testSet && originalsRef.current && reconRef.current) {
      const indices = indicesByClass(testSet.labels, count);
      const originals = indices.map((i) => testDigit(testSet, i));
      if (newTestSet) drawDigitGrid(originalsRef.current, originals, { rows: 1, cols: count, scale: SCALE });
      // The standard CVAE encodes and decodes with the digit's label (the others ignore it).
      const label = (k: number) => testSet.labels[indices[k] ?? 0] ?? 0;
      const recons = snapshot
        ? originals.map((x, k) => decodeCpu(snapshot.decoder, encodeCpu(snapshot.encoder, x, label(k)).mu, undefined, label(k)))
        : [];
      drawDigitGrid(reconRef.current, recons, { rows: 1, cols: count, scale: SCALE });
    }
    priorFrame.cancel();
    const canvas = samplesRef.current;
    if (!snapshot || !canvas) return;
    const paintPrior = () => drawDigitGrid(canvas, priorSamples(snapshot, samples, seed + draw), { rows: 1, cols: samples, scale: SCALE });
    // A click (or the first draw) paints at once. A new snapshot during training paints the prior
    // strip a frame later, so one worker message never pays for both strips' decodes: together
    // they made the occasional 50 ms long task.
    if (newDraw) paintPrior();
    else priorFrame.schedule(paintPrior);
  });

  return (
    <figure className="instrument recon-strip" data-testid="recon-strip">
      <div className="strip-row">
        <span className="strip-label">{t('instruments.recon.originals')}</span>
        <canvas ref={originalsRef} className="digit-strip" data-testid="recon-originals" role="img" aria-label={t('instruments.recon.originalsAria')} />
      </div>
      <div className="strip-row">
        <span className="strip-label">{t('instruments.recon.recons')}</span>
        <canvas ref={reconRef} className="digit-strip" data-testid="recon-reconstructions" role="img" aria-label={t('instruments.recon.reconsAria')} />
      </div>
      <div className="strip-row">
        <span className="strip-label">{t('instruments.recon.prior')}</span>
        <canvas ref={samplesRef} className="digit-strip" data-testid="prior-samples" role="img" aria-label={t('instruments.recon.priorAria')} />
      </div>
      <div className="strip-actions">
        <button type="button" data-testid="prior-resample" onClick={() => setDraw((k) => k + 1)}>{t('instruments.recon.resample')}</button>
      </div>
      <figcaption>
        {t('instruments.recon.caption', {
          source: t(!conditional ? 'instruments.recon.sourcePrior' : standard ? 'instruments.recon.sourceStandard' : 'instruments.recon.sourceEssay'),
        })}
      </figcaption>
    </figure>
  );
}

/**
 * `count` digits decoded from seeded prior draws z ~ N(0, I), or N(mu^y, I) for the essay's CVAE;
 * sample i is of class i mod 10 (the standard CVAE's decoder reads it, the others ignore it).
 */
export function priorSamples(snapshot: ModelSnapshot, count: number, seed: number): Float32Array[] {
  const rng = createRng(seed);
  const d = snapshot.decoder.latentDim;
  return Array.from({ length: count }, (_, i) => {
    const mean = classMean(snapshot.classMeans, i % NUM_CLASSES);
    const z = Float32Array.from({ length: d }, (_, k) => (mean?.[k] ?? 0) + rng.normal());
    return decodeCpu(snapshot.decoder, z, undefined, i % NUM_CLASSES);
  });
}
