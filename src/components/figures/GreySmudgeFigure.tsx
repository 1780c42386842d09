/**
 * The transform page's tempting shortcut, trained for real beside the page's own generator: a
 * tiny network fitted by squared error to pairs of a random code and an unrelated real digit
 * turns every code into the same average digit. Trained in a small worker of its own.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useLabController, useLabState } from '../../hooks/useLab';
import { decodeCpu } from '../../model/cpuNet';
import { createRng } from '../../math/random';
import { meanImage, rmsDistance, SMUDGE_LATENT } from '../../toy/smudgeGenerator';
import type { SmudgeProgress, SmudgeRequest } from '../../worker/smudgeWorker';
import { DigitStrip } from './DigitStrip';
import { loadShippedModel } from './shippedModels';
import './figures.css';

const CODES = 8;
const IMAGES = 1000;
/** Below this many steps the page's VAE is still mostly noise: offer the trained one in place. */
const UNTRAINED_STEPS = 1000;

export interface SmudgeWorkerLike {
  postMessage(msg: SmudgeRequest, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<SmudgeProgress>) => void) | null;
  terminate(): void;
}

const defaultWorker = (): SmudgeWorkerLike =>
  new Worker(new URL('../../worker/smudgeWorker.ts', import.meta.url), { type: 'module', name: 'grey-smudge' });

/** Fixed codes, so both generators are shown the same Z's: 8 latent numbers each, sliced per model. */
function fixedCodes(): number[][] {
  const rng = createRng(11);
  return Array.from({ length: CODES }, () => Array.from({ length: 8 }, () => rng.normal()));
}

export function GreySmudgeFigure({ createWorker = defaultWorker }: { createWorker?: () => SmudgeWorkerLike }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const lab = useLabController();
  const testSet = useLabState((s) => s.testSet);
  const snapshot = useLabState((s) => s.snapshot);
  const modelSource = useLabState((s) => s.modelSource);
  const codes = useMemo(() => fixedCodes(), []);
  const digits = useMemo(() => {
    if (!testSet) return null;
    const count = Math.min(IMAGES, testSet.count);
    const x = new Float32Array(count * 784);
    for (let i = 0; i < x.length; i++) x[i] = (testSet.images[i] ?? 0) / 255;
    return { x, count, mean: meanImage(x, count) };
  }, [testSet]);
  const [progress, setProgress] = useState<SmudgeProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [loading, setLoading] = useState(false);
  const workerRef = useRef<SmudgeWorkerLike | null>(null);

  useEffect(() => () => {
    workerRef.current?.terminate();
    workerRef.current = null;
  }, []);

  const toggle = () => {
    if (!digits) return;
    let worker = workerRef.current;
    if (!worker) {
      worker = createWorker();
      worker.onmessage = (e) => setProgress(e.data);
      workerRef.current = worker;
      const images = digits.x.slice();
      worker.postMessage({ type: 'start', images, count: digits.count, codes: codes.map((z) => z.slice(0, SMUDGE_LATENT)), seed: 1 }, [images.buffer]);
      setRunning(true);
      return;
    }
    worker.postMessage({ type: running ? 'pause' : 'resume' });
    setRunning(!running);
  };

  const shortcut = useMemo(
    () => (progress ? Array.from({ length: CODES }, (_, i) => progress.outputs.subarray(i * 784, (i + 1) * 784)) : []),
    [progress],
  );
  const distance = useMemo(
    () => (digits && shortcut.length ? shortcut.reduce((a, im) => a + rmsDistance(im, digits.mean), 0) / shortcut.length : NaN),
    [digits, shortcut],
  );
  const real = useMemo(
    () => (snapshot ? codes.map((z) => decodeCpu(snapshot.decoder, z.slice(0, snapshot.config.latentDim))) : []),
    [snapshot, codes],
  );
  const loadTrained = async () => {
    setLoading(true);
    try {
      lab.loadModel((await loadShippedModel('vae-latent2.vaelab')).saved);
    } catch (err) {
      lab.store.setState({ error: t('figures.smudge.loadError', { message: err instanceof Error ? err.message : String(err) }) });
    } finally {
      setLoading(false);
    }
  };

  return (
    <figure className="toy-figure" data-testid="fig-smudge">
      <h3>{t('figures.smudge.title')}</h3>
      <p className="toy-caption">{t('figures.smudge.caption')}</p>
      <div className="toy-controls">
        <button type="button" onClick={toggle} disabled={!digits} data-testid="fig-smudge-train">
          {running ? t('figures.common.pause') : progress ? t('figures.common.resume') : t('figures.smudge.train')}
        </button>
        <span className="toy-readout" aria-live="polite">
          {t('figures.smudge.stepLabel')}<span data-testid="fig-smudge-step">{progress?.step ?? 0}</span>{t('figures.smudge.distance')}
          <span data-testid="fig-smudge-distance">{Number.isFinite(distance) ? distance.toFixed(3) : '–'}</span>{t('figures.smudge.rms')}
        </span>
      </div>
      <div className="toy-caption" style={{ margin: '0.4rem 0 0.2rem' }}><strong>{t('figures.smudge.shortcutHead')}</strong>{t('figures.smudge.shortcutTail')}</div>
      {shortcut.length ? <DigitStrip images={shortcut} label={t('figures.smudge.shortcutAria')} testId="fig-smudge-shortcut" /> : <p className="hint">{t('figures.smudge.pressToTrain')}</p>}
      {digits && (
        <>
          <div className="toy-caption" style={{ margin: '0.4rem 0 0.2rem' }}><strong>{t('figures.smudge.averageHead')}</strong>{t('figures.smudge.averageTail', { count: number(digits.count) })}</div>
          <DigitStrip images={[digits.mean]} label={t('figures.smudge.averageAria')} testId="fig-smudge-mean" />
        </>
      )}
      <div className="toy-caption" style={{ margin: '0.4rem 0 0.2rem' }} data-testid="fig-smudge-real-model">
        <strong>{t('figures.smudge.realHead')}</strong>
        {t('figures.smudge.realTail', { source: modelSource || t('figures.smudge.modelFallback'), step: number(snapshot?.step ?? 0) })}
      </div>
      {real.length > 0 && <DigitStrip images={real} label={t('figures.smudge.realAria')} testId="fig-smudge-real" />}
      {snapshot && snapshot.step < UNTRAINED_STEPS && !snapshot.config.conditional && (
        <p className="hint">
          {t('figures.smudge.barelyTrained')}{' '}
          <button type="button" onClick={() => void loadTrained()} disabled={loading} data-testid="fig-smudge-load-pretrained">
            {loading ? t('figures.common.loading') : t('figures.smudge.loadTrained')}
          </button>
        </p>
      )}
    </figure>
  );
}
