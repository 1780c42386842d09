import { useEffect, useMemo, useRef, useState } from 'react';
import { useLabController, useLabState, useViewState } from '../hooks/useLab';
import { decodeCpu, encodeCpu } from '../model/cpuNet';
import { createRng } from '../math/random';
import { PIXELS } from '../shared/types';
import { DigitCanvas } from './DigitCanvas';
import { useTranslation } from '../i18n';

interface Props {
  /** How many decoded samples to keep on show. */
  count?: number;
  testId?: string;
}

const fmt = (v: number) => (v < 0 ? `−${Math.abs(v).toFixed(2)}` : v.toFixed(2));
const vec = (v: ArrayLike<number>) => `(${Array.from(v, fmt).join(', ')})`;
const sameZ = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => v === b[i]);

/**
 * Samples from one digit's posterior q(z | x) = N(mu, sigma^2): each draw is eps ~ N(0, I) and
 * z = mu + eps * sigma (the reparameterization), decoded on the page. The eps draws are kept
 * while the model trains, so the samples drift with mu and sigma instead of jumping. After a
 * draw, the lab's z (map marker, sliders) follows the newest sample of the live model, until the
 * reader moves z themselves: from then on z stays where they put it, until the next draw.
 */
export function PosteriorSampler({ count = 8, testId = 'posterior-sampler' }: Props) {
  const lab = useLabController();
  const { t } = useTranslation();
  const snapshot = useLabState((s) => s.snapshot);
  const testSet = useLabState((s) => s.testSet);
  const selectedIndex = useViewState((s) => s.selectedIndex);
  const drawn = useViewState((s) => s.drawn);
  const [useDrawing, setUseDrawing] = useState(false);
  const [eps, setEps] = useState<Float32Array[]>([]);
  const rng = useRef(createRng(7));

  // Until the reader picks a digit, show the first held-out one rather than an empty figure.
  useEffect(() => {
    if (testSet && lab.view.getState().selectedIndex === null && !lab.view.getState().drawn) lab.view.setState({ selectedIndex: 0 });
  }, [lab, testSet]);

  const source = drawn && (useDrawing || selectedIndex === null) ? 'drawn' : 'test';
  const index = selectedIndex ?? 0;
  const original = useMemo(() => {
    if (source === 'drawn') return drawn?.pixels ?? null;
    if (!testSet || index >= testSet.count) return null;
    return Float32Array.from(testSet.images.subarray(index * PIXELS, (index + 1) * PIXELS), (v) => v / 255);
  }, [source, drawn, testSet, index]);

  const posterior = useMemo(() => {
    if (!snapshot || !original) return null;
    const { mu, logVar } = encodeCpu(snapshot.encoder, original);
    return { mu, sigma: logVar.map((l) => Math.exp(0.5 * l)) };
  }, [snapshot, original]);

  const latentDim = posterior?.mu.length ?? 0;
  const samples = useMemo(() => {
    if (!snapshot || !posterior) return [];
    return eps.filter((e) => e.length === latentDim).map((e) => {
      const z = e.map((v, k) => (posterior.mu[k] ?? 0) + v * (posterior.sigma[k] ?? 0));
      return { eps: e, z, image: decodeCpu(snapshot.decoder, z) };
    });
  }, [snapshot, posterior, eps, latentDim]);
  const meanImage = useMemo(() => (snapshot && posterior ? decodeCpu(snapshot.decoder, posterior.mu) : null), [snapshot, posterior]);

  const latest = samples[samples.length - 1];
  const viewZ = useViewState((s) => s.z);
  // The z this sampler last wrote; null right after a draw (write the new sample) and while the
  // reader owns z (never write).
  const written = useRef<number[] | null>(null);
  const [follow, setFollow] = useState(false);
  useEffect(() => {
    if (!latest || !follow) return;
    if (written.current && !sameZ(lab.view.getState().z, written.current)) {
      setFollow(false); // the reader moved z since: their control stays where they put it
      return;
    }
    const z = Array.from(latest.z);
    written.current = z;
    lab.view.setState({ z });
  }, [lab, latest, follow]);
  // Read from state, not from the ref (render must not read refs): while following, the lab's z is
  // the latest sample's, which is what the effect above writes.
  const zFollows = follow && latest !== undefined && sameZ(viewZ, latest.z);

  const draw = (n: number) => {
    if (!latentDim) return;
    written.current = null;
    setFollow(true);
    const fresh = Array.from({ length: n }, () => Float32Array.from({ length: latentDim }, () => rng.current.normal()));
    setEps((old) => [...old, ...fresh].slice(-count));
  };

  const pickRandom = () => {
    if (!testSet) return;
    lab.view.setState({ selectedIndex: Math.floor(Math.random() * testSet.count) });
    setUseDrawing(false);
  };

  const label = source === 'drawn' ? t('instruments.sampler.yourDrawing') : t('instruments.sampler.testDigit', { index, label: testSet?.labels[index] ?? '?' });
  return (
    <div className="posterior-sampler" data-testid={testId}>
      <div className="sampler-controls">
        <button type="button" className="primary" onClick={() => draw(1)} disabled={!posterior} data-testid={`${testId}-draw`}>
          {t('instruments.sampler.draw')}
        </button>
        <button type="button" onClick={() => draw(count)} disabled={!posterior} data-testid={`${testId}-draw-many`}
          title={t('instruments.sampler.drawManyTitle', { count })}>
          {t('instruments.sampler.drawMany', { count })}
        </button>
        <button type="button" onClick={pickRandom} disabled={!testSet}>{t('instruments.sampler.another')}</button>
        {drawn && selectedIndex !== null && (
          <label className="sampler-source">
            <input type="checkbox" checked={useDrawing} onChange={(e) => setUseDrawing(e.target.checked)} /> {t('instruments.sampler.useDrawing')}
          </label>
        )}
      </div>
      {!snapshot && <p className="figure-note">{t('instruments.sampler.noWeights')}</p>}
      <div className="sampler-row">
        <div className="sampler-cell">
          <DigitCanvas pixels={original} size={72} label={label} />
          <span>{t(source === 'drawn' ? 'instruments.sampler.yourDrawing' : 'instruments.sampler.theDigit')}</span>
        </div>
        <div className="sampler-cell">
          <DigitCanvas pixels={meanImage} size={72} label={t('instruments.sampler.meanDecoded')} />
          <span>g(μ)</span>
        </div>
        <div className="sampler-samples" aria-label={t('instruments.sampler.samples')}>
          {samples.map((s, i) => (
            <DigitCanvas key={i} pixels={s.image} size={48} label={t('instruments.sampler.sample', { n: i + 1 })} />
          ))}
          {samples.length === 0 && <span className="figure-note">{t('instruments.sampler.pressDraw')}</span>}
        </div>
      </div>
      {posterior && (
        <p className="sampler-readout" aria-live="polite" data-testid={`${testId}-readout`}>
          {label}{t('status.colon')}μ = {vec(posterior.mu)}, σ = {vec(posterior.sigma)}
          {latest && t('instruments.sampler.lastDraw', { eps: vec(latest.eps), z: vec(latest.z) })}
        </p>
      )}
      {latest && (
        <p className="figure-note" data-testid={`${testId}-z-mode`} data-follows={zFollows ? 'yes' : 'no'}>
          {t(zFollows ? 'instruments.sampler.follows' : 'instruments.sampler.holds')}
        </p>
      )}
    </div>
  );
}
