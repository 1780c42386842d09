/**
 * KL(N(mu, sigma^2) || N(0, 1)) as a touchable toy: the mean part and the variance part as two
 * bars, and each part's curve with the current point. For the KL page, beside the closed form.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from '../../i18n';
import { klParts } from '../../toy/klParts';
import { KlPartsPlot, type KlPartsPlotText } from '../../plots/klPartsPlot';
import { RangeControl } from './RangeControl';
import { usePlot } from '../usePlot';
import './figures.css';

const two = (v: number) => v.toFixed(2);

export function KlPartsFigure() {
  const [mu, setMu] = useState(1.2);
  const [sigma, setSigma] = useState(0.4);
  const parts = useMemo(() => klParts(mu, sigma), [mu, sigma]);
  const { t } = useTranslation();
  const text = useMemo<KlPartsPlotText>(() => ({
    barsLabel: t('figures.klParts.plot.barsLabel'),
    meanCurveLabel: t('figures.klParts.plot.meanCurveLabel'),
    varianceCurveLabel: t('figures.klParts.plot.varianceCurveLabel'),
    barMean: t('figures.klParts.plot.barMean'),
    barVariance: t('figures.klParts.plot.barVariance'),
    barsTitle: (value) => t('figures.klParts.plot.barsTitle', { value }),
    barsAria: (mean, variance) => t('figures.klParts.plot.barsAria', { mean, variance }),
    curveAria: (part, formula, axis, value, current) => t('figures.klParts.plot.curveAria', { part, formula, axis, value, current }),
    // Rebuilt when the language changes (react-i18next gives a new t for each language), so the plot redraws in it.
  }), [t]);
  const plotData = useMemo(() => ({ mu, sigma, text }), [mu, sigma, text]);
  const { ref: plotRef } = usePlot((root) => new KlPartsPlot(root), { data: plotData });
  return (
    <figure className="toy-figure" data-testid="fig-kl-parts">
      <h3>{t('figures.klParts.title')}</h3>
      <p className="toy-caption">{t('figures.klParts.caption')}</p>
      <div className="toy-controls">
        <RangeControl label="μ" value={mu} min={-3} max={3} step={0.01} format={two} onChange={setMu} testId="fig-kl-parts-mu" />
        <RangeControl label="σ" value={sigma} min={0.1} max={3} step={0.01} format={two} onChange={setSigma} testId="fig-kl-parts-sigma" />
      </div>
      <div className="toy-plot" ref={plotRef} data-testid="fig-kl-parts-plot" />
      <p className="toy-readout" aria-live="polite" style={{ margin: 0 }}>
        {t('figures.klParts.meanPart')} <span data-testid="fig-kl-parts-mean">{parts.meanPart.toFixed(3)}</span> +{' '}
        {t('figures.klParts.variancePart')} <span data-testid="fig-kl-parts-variance">{parts.variancePart.toFixed(3)}</span> = KL{' '}
        <span data-testid="fig-kl-parts-total">{parts.total.toFixed(3)}</span> {t('figures.klParts.natsUnit')}
      </p>
    </figure>
  );
}
