/**
 * The same straight-line interpolation between two held-out digits, decoded by the shipped VAE
 * and by the shipped autoencoder (the same network and training run with beta = 0), so the gaps
 * an autoencoder leaves between its codes can be seen. For the essence page.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useLabState } from '../../hooks/useLab';
import { decodeCpu, encodeCpu } from '../../model/cpuNet';
import { drawDigitGrid } from '../../plots/digitCanvas';
import { lerpCodes } from '../instruments/decode';
import { firstOfEachClass, testDigit } from '../instruments/testDigits';
import { loadShippedModel, type ShippedModel } from './shippedModels';
import './figures.css';

const STEPS = 10;
const MODELS = [
  { file: 'vae-latent2.vaelab', name: 'vae' },
  { file: 'ae-latent2.vaelab', name: 'ae' },
] as const;

/** Decoded images along the line between the two digits' codes under one model. */
export function interpolationPath(model: ShippedModel, a: Float32Array, b: Float32Array, steps: number): Float32Array[] {
  const muA = encodeCpu(model.encoder, a).mu;
  const muB = encodeCpu(model.encoder, b).mu;
  return lerpCodes(muA, muB, steps).map((z) => decodeCpu(model.decoder, z));
}

function meanIntensity(images: Float32Array[]): number {
  let sum = 0;
  let n = 0;
  for (const im of images) for (const v of im) { sum += v; n += 1; }
  return n ? sum / n : 0;
}

function Strip({ model, name, a, b }: { model: ShippedModel; name: string; a: Float32Array; b: Float32Array }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const ref = useRef<HTMLCanvasElement>(null);
  const path = useMemo(() => interpolationPath(model, a, b, STEPS), [model, a, b]);
  useEffect(() => {
    if (ref.current) drawDigitGrid(ref.current, path, { rows: 1, cols: STEPS, scale: 2 });
  }, [path]);
  const testId = `fig-ae-vae-${model.file.startsWith('ae') ? 'ae' : 'vae'}`;
  return (
    <div className="ae-vae-row">
      <div className="toy-caption" style={{ margin: '0.4rem 0 0.2rem' }}>
        <strong>{name}</strong>
        {t('figures.aeVae.rowInfo', { steps: number(model.saved.step) })}
      </div>
      <canvas ref={ref} data-testid={testId} data-mean-intensity={meanIntensity(path).toFixed(4)}
        role="img" aria-label={t('figures.aeVae.rowAria', { name, count: STEPS })}
        style={{ width: '100%', maxWidth: `${STEPS * 56}px`, imageRendering: 'pixelated' }} />
    </div>
  );
}

export function AeVaeInterpolationFigure() {
  const { t } = useTranslation();
  const testSet = useLabState((s) => s.testSet);
  const firsts = useMemo(() => (testSet ? firstOfEachClass(testSet.labels) : []), [testSet]);
  const [from, setFrom] = useState(4);
  const [to, setTo] = useState(1);
  const [models, setModels] = useState<ShippedModel[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all(MODELS.map((m) => loadShippedModel(m.file)))
      .then((loaded) => live && setModels(loaded))
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, []);

  const a = useMemo(() => (testSet && (firsts[from] ?? -1) >= 0 ? testDigit(testSet, firsts[from] ?? 0) : null), [testSet, firsts, from]);
  const b = useMemo(() => (testSet && (firsts[to] ?? -1) >= 0 ? testDigit(testSet, firsts[to] ?? 0) : null), [testSet, firsts, to]);
  const select = (label: string, value: number, set: (v: number) => void, testId: string) => (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => set(Number(e.currentTarget.value))} data-testid={testId}>
        {Array.from({ length: 10 }, (_, d) => <option key={d} value={d}>{d}</option>)}
      </select>
    </label>
  );

  return (
    <figure className="toy-figure" data-testid="fig-ae-vae">
      <h3>{t('figures.aeVae.title')}</h3>
      <p className="toy-caption">
        {t('figures.aeVae.captionBefore')}<code>npm run pretrain</code>{t('figures.aeVae.captionAfter')}
      </p>
      <div className="toy-controls">
        {select(t('figures.aeVae.from'), from, setFrom, 'fig-ae-vae-from')}
        {select(t('figures.aeVae.to'), to, setTo, 'fig-ae-vae-to')}
      </div>
      {error && <p className="toy-infinite" role="alert">{t('figures.aeVae.loadError', { message: error })}</p>}
      {!error && (!models || !a || !b) && <p className="hint">{t('figures.aeVae.loading')}</p>}
      {models && a && b && models.map((m, i) => <Strip key={m.file} model={m} name={MODELS[i] ? t(`figures.aeVae.${MODELS[i].name}`) : m.file} a={a} b={b} />)}
    </figure>
  );
}
