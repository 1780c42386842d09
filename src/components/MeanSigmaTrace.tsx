import { useMemo } from 'react';
import { useLabState } from '../hooks/useLab';
import { useTranslation } from '../i18n';
import { useFormat } from '../i18n/format';

const WIDTH = 520;
const HEIGHT = 140;
const PAD = { left: 40, right: 10, top: 10, bottom: 26 };
const MAX_POINTS = 400;

/**
 * The mean posterior sigma over training, as a plain SVG line: how much noise the encoder
 * currently adds to its codes. sigma = 1 is the prior's spread; 0 would be a plain autoencoder.
 */
export function MeanSigmaTrace() {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useLabState((s) => s.history);
  const latest = useLabState((s) => s.latest?.meanSigma);
  const { path, maxStep, maxSigma } = useMemo(() => {
    const points = history.filter((m) => Number.isFinite(m.meanSigma));
    const stride = Math.max(1, Math.ceil(points.length / MAX_POINTS));
    const thinned = points.filter((_, i) => i % stride === 0 || i === points.length - 1);
    const last = thinned[thinned.length - 1];
    const maxStep = Math.max(1, last?.step ?? 1);
    const maxSigma = Math.max(1.1, ...thinned.map((m) => m.meanSigma));
    const x = (step: number) => PAD.left + (step / maxStep) * (WIDTH - PAD.left - PAD.right);
    const y = (s: number) => HEIGHT - PAD.bottom - (s / maxSigma) * (HEIGHT - PAD.top - PAD.bottom);
    const path = thinned.map((m, i) => `${i ? 'L' : 'M'}${x(m.step).toFixed(1)},${y(m.meanSigma).toFixed(1)}`).join('');
    return { path, maxStep, maxSigma };
  }, [history]);
  const yOf = (s: number) => HEIGHT - PAD.bottom - (s / maxSigma) * (HEIGHT - PAD.top - PAD.bottom);
  return (
    <figure className="sigma-trace" data-testid="mean-sigma-trace">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('instruments.sigma.figure', { value: latest?.toFixed(3) ?? t('instruments.sigma.notYet') })}>
        <line className="axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} />
        <line className="axis" x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={HEIGHT - PAD.bottom} />
        <line className="prior-line" x1={PAD.left} x2={WIDTH - PAD.right} y1={yOf(1)} y2={yOf(1)} />
        <text x={WIDTH - PAD.right} y={yOf(1) - 4} textAnchor="end" className="tick">{t('instruments.sigma.prior')}</text>
        <text x={PAD.left - 6} y={HEIGHT - PAD.bottom} textAnchor="end" dominantBaseline="middle" className="tick">0</text>
        <text x={PAD.left - 6} y={yOf(1)} textAnchor="end" dominantBaseline="middle" className="tick">1</text>
        <text x={PAD.left} y={HEIGHT - 6} className="tick">{t('instruments.sigma.step', { step: 0 })}</text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" className="tick">{t('instruments.sigma.step', { step: format.number(maxStep) })}</text>
        {path && <path className="sigma-line" d={path} />}
      </svg>
      <figcaption>
        {t('instruments.sigma.caption')}
        <strong>{latest !== undefined ? latest.toFixed(3) : '–'}</strong>.
      </figcaption>
    </figure>
  );
}
