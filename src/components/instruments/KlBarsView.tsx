import { useEffect, useMemo, useRef } from 'react';
import { KlBarChart, type KlBarText } from '../../plots/barChart';
import { useFormat } from '../../i18n/format';
import { useContainerWidth, useFrameScheduler, useLabSelection } from './labHooks';
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
  const frameRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<KlBarChart | null>(null);
  const width = Math.min(maxWidth, useContainerWidth(frameRef, 360));
  const schedule = useFrameScheduler();

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const chart = new KlBarChart(root, { activeThresholdNats });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [activeThresholdNats]);

  useEffect(() => {
    chartRef.current?.setOptions({ width, height, text });
  }, [width, height, activeThresholdNats, text]);

  // The threshold is in the selection because a new one makes a new chart, which needs the bars.
  useLabSelection((lab) => [lab.store.getState().latest?.klPerDim ?? null, activeThresholdNats] as const, ([klPerDim]) => {
    schedule(() => chartRef.current?.update(klPerDim ?? []));
  });

  return (
    <figure className="instrument kl-bars-view">
      <div ref={frameRef}>
        <div ref={rootRef} className="plot-root" data-testid="kl-bars" role="img" aria-label={t('instruments.klBars.figure')} />
      </div>
      <figcaption>{t('instruments.klBars.caption')}</figcaption>
    </figure>
  );
}
