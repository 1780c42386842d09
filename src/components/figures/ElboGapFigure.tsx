/**
 * log p(x) = ELBO + KL(q || p(z | x)) in one dimension: the reader moves q (and x) and watches
 * the ELBO rise toward the fixed log p(x) as q nears the true posterior. For the ELBO page.
 */
import { useMemo, useState } from 'react';
import { elboGap, klToPosterior, linearGaussianPosterior, type ToyDecoder } from '../../model/toy/elboGap';
import { ElboGapPlot } from '../../plots/elboGapPlot';
import { TOY_COLORS } from '../../plots/toyFrame';
import { RangeControl } from './RangeControl';
import { usePlot } from './usePlot';
import './figures.css';

const DECODERS: Record<'curved' | 'linear', { decoder: ToyDecoder; label: string }> = {
  curved: { decoder: { a: 0.5, b: 1, noiseSd: 0.5 }, label: 'curved: f(z) = 0.5z + z²' },
  linear: { decoder: { a: 1.5, b: 0, noiseSd: 0.5 }, label: 'linear: f(z) = 1.5z' },
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
  const plotData = useMemo(() => ({ decoder, x, q }), [decoder, x, q]);
  const plotRef = usePlot((root) => new ElboGapPlot(root), plotData);

  return (
    <figure className="toy-figure" data-testid="fig-elbo-gap">
      <h3>ELBO + gap = log p(x), in one dimension</h3>
      <p className="toy-caption">
        A toy with one latent number: prior p(z) = N(0, 1), decoder p(x | z) = N(x; f(z), 0.5²). Its log p(x) is computed
        exactly by quadrature over z. Move q and the ELBO moves; log p(x) never does, and the shaded gap between them is
        KL(q ‖ p(z | x)).
      </p>
      <div className="toy-radio-row" role="radiogroup" aria-label="decoder">
        {(Object.keys(DECODERS) as Array<keyof typeof DECODERS>).map((k) => (
          <label key={k}>
            <input type="radio" name="fig-elbo-gap-decoder" checked={kind === k} onChange={() => setKind(k)} data-testid={`fig-elbo-gap-decoder-${k}`} />{' '}
            {DECODERS[k].label}
          </label>
        ))}
      </div>
      <div className="toy-controls">
        <RangeControl label="observed x" value={x} min={-2} max={4} step={0.1} format={(v) => v.toFixed(1)} onChange={setX} testId="fig-elbo-gap-x" />
        <RangeControl label="mean of q" value={mu} min={-3} max={3} step={0.01} format={two} onChange={setMu} testId="fig-elbo-gap-mu" />
        <RangeControl label="sd of q" value={sigma} min={0.05} max={2} step={0.01} format={two} onChange={setSigma} testId="fig-elbo-gap-sigma" />
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
            q = the true posterior
          </button>
        )}
      </div>
      <div className="toy-plot" ref={plotRef} data-testid="fig-elbo-gap-plot" />
      <p className="toy-readout" aria-live="polite" style={{ margin: 0 }}>
        <span className="toy-swatch" style={{ background: TOY_COLORS.truth }} aria-hidden="true" />
        log p(x) = <span data-testid="fig-elbo-gap-logpx">{two(result.logEvidence)}</span> nats ·{' '}
        <span className="toy-swatch" style={{ background: TOY_COLORS.q }} aria-hidden="true" />
        ELBO = <span data-testid="fig-elbo-gap-elbo">{two(result.elbo)}</span> nats ·{' '}
        <span className="toy-swatch" style={{ background: TOY_COLORS.infinite, opacity: 0.6 }} aria-hidden="true" />
        gap = <span data-testid="fig-elbo-gap-gap">{result.gap.toFixed(3)}</span> nats (KL(q ‖ p(z | x)) integrated on its own:{' '}
        <span data-testid="fig-elbo-gap-kl">{kl.toFixed(3)}</span>)
      </p>
      <p className="toy-caption">
        {kind === 'linear'
          ? 'With a linear decoder the posterior is itself normal, so one q closes the gap to zero.'
          : 'With a curved decoder the posterior is skewed or has two peaks; no normal q closes the gap, and the best one sits under one peak.'}
      </p>
    </figure>
  );
}
