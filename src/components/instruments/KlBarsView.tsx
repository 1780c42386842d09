import { useEffect, useMemo } from 'react';
import { KlBarChart, type KlBarText } from '../../plots/barChart';
import { useFormat } from '../../i18n/format';
import { usePlot } from '../usePlot';
import { useLabSelection } from './labHooks';
import { useTranslation } from '../../i18n';
import './instruments.css';

export interface KlBarsViewProps {
  height?: number;
  maxWidth?: number;
  /** KL below this many nats counts as a collapsed dimension (default 0.1). */
  activeThresholdNats?: number;
}

/**
 * KL of each latent dimension on the latest batch, in nats. KL_d = 0.5 (mu_d^2 + sigma_d^2 -
 * log sigma_d^2 - 1) averaged over the batch; a bar near 0 is a dimension the model ignores.
 */
export function KlBarsView({ height = 200, maxWidth = 520, activeThresholdNats = 0.1 }: KlBarsViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useMemo<KlBarText>(() => ({
    yLabel: t('instruments.klBars.yLabel'),
    summary: (active, count, threshold) => t('instruments.klBars.summary', { active, count, threshold: format.number(threshold) }),
    barTitle: (dim, value) => (value === null ? `${dim}: ${t('instruments.klBars.noValue')}` : t('instruments.klBars.barTitle', { dim, value })),
  }), [t, format]);
  // A new threshold goes through setOptions like the rest, so the chart keeps its bars.
  const { ref, width: containerWidth, draw, drawNow } = usePlot((root) => new KlBarChart(root), { fallbackWidth: 360 });
  const width = Math.min(maxWidth, containerWidth);

  useEffect(() => {
    drawNow((chart) => chart.setOptions({ width, height, activeThresholdNats, text }));
  }, [drawNow, width, height, activeThresholdNats, text]);

  useLabSelection((lab) => [lab.store.getState().latest?.klPerDim ?? null] as const, ([klPerDim]) => {
    draw((chart) => chart.update(klPerDim ?? []));
  });

  return (
    <figure className="instrument kl-bars-view">
      <div>
        <div ref={ref} className="plot-root" data-testid="kl-bars" role="img" aria-label={t('instruments.klBars.figure')} />
      </div>
      <figcaption>{t('instruments.klBars.caption')}</figcaption>
    </figure>
  );
}
