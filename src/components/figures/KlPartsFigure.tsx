/**
 * KL(N(mu, sigma^2) || N(0, 1)) as a touchable toy: the mean part and the variance part as two
 * bars, and each part's curve with the current point. For the KL page, beside the closed form.
 */
import { useMemo, useState } from 'react';
import { klParts } from '../../model/toy/klParts';
import { KlPartsPlot } from '../../plots/klPartsPlot';
import { RangeControl } from './RangeControl';
import { usePlot } from './usePlot';
import './figures.css';

const two = (v: number) => v.toFixed(2);

export function KlPartsFigure() {
  const [mu, setMu] = useState(1.2);
  const [sigma, setSigma] = useState(0.4);
  const parts = useMemo(() => klParts(mu, sigma), [mu, sigma]);
  const plotData = useMemo(() => ({ mu, sigma }), [mu, sigma]);
  const plotRef = usePlot((root) => new KlPartsPlot(root), plotData);
  return (
    <figure className="toy-figure" data-testid="fig-kl-parts">
      <h3>The KL of one coordinate, in two parts</h3>
      <p className="toy-caption">
        Drag the posterior’s mean and standard deviation. The mean part ½μ² only sees μ, the variance part
        ½(σ² − log σ² − 1) only sees σ; both are in nats on one scale, and both vanish only at the prior, μ = 0 and σ = 1.
      </p>
      <div className="toy-controls">
        <RangeControl label="μ" value={mu} min={-3} max={3} step={0.01} format={two} onChange={setMu} testId="fig-kl-parts-mu" />
        <RangeControl label="σ" value={sigma} min={0.1} max={3} step={0.01} format={two} onChange={setSigma} testId="fig-kl-parts-sigma" />
      </div>
      <div className="toy-plot" ref={plotRef} data-testid="fig-kl-parts-plot" />
      <p className="toy-readout" aria-live="polite" style={{ margin: 0 }}>
        mean part <span data-testid="fig-kl-parts-mean">{parts.meanPart.toFixed(3)}</span> + variance part{' '}
        <span data-testid="fig-kl-parts-variance">{parts.variancePart.toFixed(3)}</span> = KL{' '}
        <span data-testid="fig-kl-parts-total">{parts.total.toFixed(3)}</span> nats
      </p>
    </figure>
  );
}
