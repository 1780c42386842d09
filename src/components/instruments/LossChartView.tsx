import { useEffect, useId, useRef, useState } from 'react';
import type { StepMetrics } from '../../model/types';
import { lossUnits } from '../../model/lossUnits';
import { LossChart } from '../../plots/lossChart';
import { seriesKeys, seriesLabel, SERIES_COLORS, type LossXAxis } from '../../plots/lossSeries';
import { useLabState } from '../../hooks/useLab';
import { useContainerWidth, useFrameScheduler, useLabListener } from './labHooks';
import './instruments.css';

export interface LossChartViewProps {
  /** Height of the chart in CSS px (default 300); the width follows the container. */
  height?: number;
  maxWidth?: number;
}

/** EMA weight of the "smooth" toggle: light, so a real jump still shows within a few steps. */
const LIGHT_SMOOTHING = 0.6;

/**
 * Total loss, reconstruction, KL (and beta * KL when beta != 1) per training step, with the
 * held-out -ELBO as dots; x in steps or seconds, y linear or log, optional light smoothing.
 */
export function LossChartView({ height = 300, maxWidth = 760 }: LossChartViewProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<LossChart | null>(null);
  const width = Math.min(maxWidth, useContainerWidth(frameRef, 560));
  const [xAxis, setXAxis] = useState<LossXAxis>('step');
  const [logY, setLogY] = useState(false);
  const [smooth, setSmooth] = useState(false);
  const schedule = useFrameScheduler();
  const id = useId();
  const klWeight = useLabState((s) => s.settings.klWeight);
  const reconLoss = useLabState((s) => s.config.reconLoss);
  const reconReduction = useLabState((s) => s.config.reconReduction);
  const units = lossUnits(reconLoss, reconReduction);
  const inNats = units.loss === 'nats';

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const chart = new LossChart(root);
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOptions({ width, height, xAxis, yScale: logY ? 'log' : 'linear', smoothing: smooth ? LIGHT_SMOOTHING : 0, units: lossUnits(reconLoss, reconReduction) });
  }, [width, height, xAxis, logY, smooth, reconLoss, reconReduction]);

  const seen = useRef<{ history: StepMetrics[] | null; klWeight: number }>({ history: null, klWeight: NaN });
  useLabListener((lab, initial) => {
    const { history, settings } = lab.store.getState();
    if (!initial && history === seen.current.history && settings.klWeight === seen.current.klWeight) return;
    seen.current = { history, klWeight: settings.klWeight };
    // Several metrics can land in one frame; draw once per frame with the newest.
    schedule(() => chartRef.current?.update(history, settings.klWeight));
  });

  return (
    <figure className="instrument loss-chart-view">
      <div className="plot-controls" role="group" aria-label="loss chart options">
        <span className="segmented" role="radiogroup" aria-label="horizontal axis">
          {(['step', 'seconds'] as const).map((axis) => (
            <label key={axis}>
              <input type="radio" name={`${id}-x`} value={axis} checked={xAxis === axis} data-testid={`loss-x-${axis}`}
                onChange={() => setXAxis(axis)} />
              {axis === 'step' ? 'steps' : 'seconds'}
            </label>
          ))}
        </span>
        <label>
          <input type="checkbox" checked={logY} data-testid="loss-log-y" onChange={(e) => setLogY(e.target.checked)} /> log y
        </label>
        <label>
          <input type="checkbox" checked={smooth} data-testid="loss-smooth" onChange={(e) => setSmooth(e.target.checked)} /> smooth
        </label>
      </div>
      {/* An HTML legend wraps on a phone, where the chart's one-line SVG legend would be cut off. */}
      <ul className="loss-legend" aria-label="curves">
        {seriesKeys(klWeight).map((key) => (
          <li key={key}>
            <span className="swatch" style={{ borderColor: SERIES_COLORS[key], borderStyle: key === 'betaKl' ? 'dashed' : 'solid' }} />
            {seriesLabel(key, klWeight)}
          </li>
        ))}
      </ul>
      <div ref={frameRef} className="loss-chart-frame">
        <div ref={rootRef} className="plot-root" data-testid="loss-chart" role="img"
          aria-label={`training curves: loss, reconstruction and KL; ${units.axis}`} />
      </div>
      <figcaption>
        {inNats ? 'Per-digit losses in nats.' : `Reconstruction in ${units.recon}, KL in nats per digit: the total mixes the two.`} The dots are the held-out −ELBO (β = 1) on test digits; hover for exact values.
      </figcaption>
    </figure>
  );
}
