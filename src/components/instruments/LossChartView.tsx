import { useEffect, useId, useMemo, useState } from 'react';
import { lossUnits, type LossUnits } from '../../shared/lossUnits';
import type { ReconLoss, ReconReduction } from '../../shared/types';
import { LossChart, type LossChartText } from '../../plots/lossChart';
import { seriesKeys, SERIES_COLORS, type LossSeriesKey, type LossXAxis } from '../../plots/lossSeries';
import { useLabState } from '../../hooks/useLab';
import { usePlot } from '../usePlot';
import { useLabSelection } from './labHooks';
import { useTranslation } from '../../i18n';
import { useFormat } from '../../i18n/format';
import './instruments.css';

export interface LossChartViewProps {
  /** Height of the chart in CSS px (default 300); the width follows the container. */
  height?: number;
  maxWidth?: number;
}

/** EMA weight of the "smooth" toggle: light, so a real jump still shows within a few steps. */
const LIGHT_SMOOTHING = 0.6;

type T = ReturnType<typeof useTranslation>['t'];

const SERIES_KEYS = {
  loss: 'instruments.loss.seriesLoss',
  recon: 'instruments.loss.seriesRecon',
  kl: 'instruments.loss.seriesKl',
  betaKl: 'instruments.loss.seriesBetaKl',
  testNelbo: 'instruments.loss.seriesTest',
} as const satisfies Record<LossSeriesKey, string>;

/** lossUnits' words in the reader's language; the unit logic itself stays in src/shared/lossUnits.ts. */
function translatedUnits(t: T, kind: ReconLoss, reduction: ReconReduction): LossUnits {
  const english = lossUnits(kind, reduction);
  if (english.loss === 'nats') return { ...english, recon: t('instruments.loss.unitNats'), loss: t('instruments.loss.unitNats'), axis: t('instruments.loss.axisNats') };
  const recon = t(kind === 'bce' ? 'instruments.loss.unitNatsPixel' : reduction === 'sum' ? 'instruments.loss.unitSq' : 'instruments.loss.unitSqPixel');
  return { ...english, recon, loss: t('instruments.loss.unitMixed'), axis: t('instruments.loss.axisMixed', { recon }) };
}

/**
 * Total loss, reconstruction, KL (and beta * KL when beta != 1) per training step, with the
 * held-out -ELBO as dots; x in steps or seconds, y linear or log, optional light smoothing.
 */
export function LossChartView({ height = 300, maxWidth = 760 }: LossChartViewProps) {
  const { ref, width: containerWidth, draw, drawNow } = usePlot((root) => new LossChart(root), { fallbackWidth: 560 });
  const width = Math.min(maxWidth, containerWidth);
  const [xAxis, setXAxis] = useState<LossXAxis>('step');
  const [logY, setLogY] = useState(false);
  const [smooth, setSmooth] = useState(false);
  const id = useId();
  const { t } = useTranslation();
  const format = useFormat();
  const klWeight = useLabState((s) => s.settings.klWeight);
  const reconLoss = useLabState((s) => s.settings.reconLoss);
  const reconReduction = useLabState((s) => s.settings.reconReduction);
  const inNats = lossUnits(reconLoss, reconReduction).loss === 'nats';
  // t and format keep their identity until the language changes.
  const units = useMemo(() => translatedUnits(t, reconLoss, reconReduction), [t, reconLoss, reconReduction]);
  const seriesLabel = useMemo(() => (key: LossSeriesKey, beta: number) => t(SERIES_KEYS[key], { beta: format.number(beta) }), [t, format]);
  const text = useMemo<LossChartText>(() => ({
    xStep: t('instruments.loss.xStep'),
    xSeconds: t('instruments.loss.xSeconds'),
    seriesLabel,
    stepHeader: (step) => t('instruments.loss.tooltipStep', { step: format.number(step) }),
    secondsHeader: (seconds, step) => t('instruments.loss.tooltipSeconds', { seconds: format.number(seconds, { digits: 1 }), step: format.number(step) }),
    olderStep: (step) => ` (${t('instruments.loss.tooltipStep', { step: format.number(step) })})`,
    klUnit: t('instruments.common.natsUnit'),
  }), [t, format, seriesLabel]);

  useEffect(() => {
    drawNow((chart) => chart.setOptions({ width, height, xAxis, yScale: logY ? 'log' : 'linear', smoothing: smooth ? LIGHT_SMOOTHING : 0, units, text }));
  }, [drawNow, width, height, xAxis, logY, smooth, units, text]);

  useLabSelection((lab) => [lab.store.getState().history, lab.store.getState().settings.klWeight] as const, ([history, beta]) => {
    // Several metrics can land in one frame; draw once per frame with the newest.
    draw((chart) => chart.update(history, beta));
  });

  return (
    <figure className="instrument loss-chart-view">
      <div className="plot-controls" role="group" aria-label={t('instruments.loss.options')}>
        <span className="segmented" role="radiogroup" aria-label={t('instruments.loss.xAxis')}>
          {(['step', 'seconds'] as const).map((axis) => (
            <label key={axis}>
              <input type="radio" name={`${id}-x`} value={axis} checked={xAxis === axis} data-testid={`loss-x-${axis}`}
                onChange={() => setXAxis(axis)} />
              {t(axis === 'step' ? 'instruments.loss.steps' : 'instruments.loss.seconds')}
            </label>
          ))}
        </span>
        <label>
          <input type="checkbox" checked={logY} data-testid="loss-log-y" onChange={(e) => setLogY(e.target.checked)} /> {t('instruments.loss.logY')}
        </label>
        <label>
          <input type="checkbox" checked={smooth} data-testid="loss-smooth" onChange={(e) => setSmooth(e.target.checked)} /> {t('instruments.loss.smooth')}
        </label>
      </div>
      {/* An HTML legend wraps on a phone, where the chart's one-line SVG legend would be cut off. */}
      <ul className="loss-legend" aria-label={t('instruments.loss.curves')}>
        {seriesKeys(klWeight).map((key) => (
          <li key={key}>
            <span className="swatch" style={{ borderColor: SERIES_COLORS[key], borderStyle: key === 'betaKl' ? 'dashed' : 'solid' }} />
            {seriesLabel(key, klWeight)}
          </li>
        ))}
      </ul>
      <div className="loss-chart-frame">
        <div ref={ref} className="plot-root" data-testid="loss-chart" role="img"
          aria-label={t('instruments.loss.figure', { axis: units.axis })} />
      </div>
      <figcaption>
        {inNats ? t('instruments.loss.captionNats') : t('instruments.loss.captionMixed', { recon: units.recon })}{t('instruments.loss.captionDots')}
      </figcaption>
    </figure>
  );
}
