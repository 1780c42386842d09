/**
 * log p(x) = ELBO + KL(q || p(z | x)) in one dimension: the reader moves q (and x) and watches
 * the ELBO rise toward the fixed log p(x) as q nears the true posterior. For the ELBO page.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from '../../i18n';
import { elboGap, klToPosterior, linearGaussianPosterior, type ToyDecoder } from '../../toy/elboGap';
import { ElboGapPlot, type ElboGapPlotText } from '../../plots/elboGapPlot';
import { TOY_COLORS } from '../../plots/toyFrame';
import { RangeControl } from './RangeControl';
import { usePlot } from '../usePlot';
import './figures.css';

const DECODERS: Record<'curved' | 'linear', { decoder: ToyDecoder }> = {
  curved: { decoder: { a: 0.5, b: 1, noiseSd: 0.5 } },
  linear: { decoder: { a: 1.5, b: 0, noiseSd: 0.5 } },
};

const two = (v: number) => v.toFixed(2);

export function ElboGapFigure() {
  const [kind, setKind] = useState<'curved' | 'linear'>('curved');
  const [x, setX] = useState(1.5);
  const [mu, setMu] = useState(0.2);
  const [sigma, setSigma] = useState(0.8);
  const { decoder } = DECODERS[kind];
  const q = useMemo(() => ({ mu, sigma }), [mu, sigma]);
  const result = useMemo(() => elboGap(decoder, x, q), [decoder, x, q]);
  const kl = useMemo(() => klToPosterior(decoder, x, q), [decoder, x, q]);
  const { t } = useTranslation();
  const text = useMemo<ElboGapPlotText>(() => ({
    densitiesLabel: t('figures.elboGap.plot.densitiesLabel'),
    boundLabel: t('figures.elboGap.plot.boundLabel'),
    densitiesAria: (mu, sd) => t('figures.elboGap.plot.densitiesAria', { mu, sigma: sd }),
    gapLabel: (value) => t('figures.elboGap.plot.gapLabel', { value }),
    muAxis: t('figures.elboGap.plot.muAxis'),
    boundAria: (sd, logPx, elbo, gap) => t('figures.elboGap.plot.boundAria', { sigma: sd, logPx, elbo, gap }),
    // Rebuilt when the language changes (react-i18next gives a new t for each language), so the plot redraws in it.
  }), [t]);
  const plotData = useMemo(() => ({ decoder, x, q, text }), [decoder, x, q, text]);
  const { ref: plotRef } = usePlot((root) => new ElboGapPlot(root), { data: plotData });

  return (
    <figure className="toy-figure" data-testid="fig-elbo-gap">
      <h3>{t('figures.elboGap.title')}</h3>
      <p className="toy-caption">{t('figures.elboGap.caption')}</p>
      <div className="toy-radio-row" role="radiogroup" aria-label={t('figures.elboGap.decoderGroup')}>
        {(Object.keys(DECODERS) as Array<keyof typeof DECODERS>).map((k) => (
          <label key={k}>
            <input type="radio" name="fig-elbo-gap-decoder" checked={kind === k} onChange={() => setKind(k)} data-testid={`fig-elbo-gap-decoder-${k}`} />{' '}
            {t(k === 'curved' ? 'figures.elboGap.curved' : 'figures.elboGap.linear')}
          </label>
        ))}
      </div>
      <div className="toy-controls">
        <RangeControl label={t('figures.elboGap.observedX')} value={x} min={-2} max={4} step={0.1} format={(v) => v.toFixed(1)} onChange={setX} testId="fig-elbo-gap-x" />
        <RangeControl label={t('figures.elboGap.meanOfQ')} value={mu} min={-3} max={3} step={0.01} format={two} onChange={setMu} testId="fig-elbo-gap-mu" />
        <RangeControl label={t('figures.elboGap.sdOfQ')} value={sigma} min={0.05} max={2} step={0.01} format={two} onChange={setSigma} testId="fig-elbo-gap-sigma" />
        {kind === 'linear' && (
          <button
            type="button"
            data-testid="fig-elbo-gap-fit"
            onClick={() => {
              const post = linearGaussianPosterior(decoder, x);
              setMu(Math.round(post.mu * 100) / 100);
              setSigma(Math.round(post.sigma * 100) / 100);
            }}
          >
            {t('figures.elboGap.fit')}
          </button>
        )}
      </div>
      <div className="toy-plot" ref={plotRef} data-testid="fig-elbo-gap-plot" />
      <p className="toy-readout" aria-live="polite" style={{ margin: 0 }}>
        <span className="toy-swatch" style={{ background: TOY_COLORS.truth }} aria-hidden="true" />
        log p(x) = <span data-testid="fig-elbo-gap-logpx">{two(result.logEvidence)}</span>{t('figures.elboGap.natsSep')}
        <span className="toy-swatch" style={{ background: TOY_COLORS.q }} aria-hidden="true" />
        ELBO = <span data-testid="fig-elbo-gap-elbo">{two(result.elbo)}</span>{t('figures.elboGap.natsSep')}
        <span className="toy-swatch" style={{ background: TOY_COLORS.infinite, opacity: 0.6 }} aria-hidden="true" />
        {t('figures.elboGap.gap')}<span data-testid="fig-elbo-gap-gap">{result.gap.toFixed(3)}</span>{t('figures.elboGap.klOwn')}
        <span data-testid="fig-elbo-gap-kl">{kl.toFixed(3)}</span>{t('figures.elboGap.klOwnEnd')}
      </p>
      <p className="toy-caption">
        {kind === 'linear' ? t('figures.elboGap.linearNote') : t('figures.elboGap.curvedNote')}
      </p>
    </figure>
  );
}
