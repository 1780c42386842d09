import { useEffect, useMemo, useRef, useState } from 'react';
import { useLabController, useLabState, useViewState } from '../hooks/useLab';
import { decodeCpu, encodeCpu } from '../model/cpuNet';
import { createRng } from '../model/toy/random';
import { PIXELS } from '../model/types';
import { DigitCanvas } from './DigitCanvas';

interface Props {
  /** How many decoded samples to keep on show. */
  count?: number;
  testId?: string;
}

const fmt = (v: number) => (v < 0 ? `−${Math.abs(v).toFixed(2)}` : v.toFixed(2));
const vec = (v: ArrayLike<number>) => `(${Array.from(v, fmt).join(', ')})`;
const sameZ = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => v === b[i]);

/**
 * Samples from one digit's posterior q(z | x) = N(mu, sigma^2): each draw is eps ~ N(0, I) and
 * z = mu + eps * sigma (the reparameterization), decoded on the page. The eps draws are kept
 * while the model trains, so the samples drift with mu and sigma instead of jumping. After a
 * draw, the lab's z (map marker, sliders) follows the newest sample of the live model, until the
 * reader moves z themselves: from then on z stays where they put it, until the next draw.
 */
export function PosteriorSampler({ count = 8, testId = 'posterior-sampler' }: Props) {
  const lab = useLabController();
  const snapshot = useLabState((s) => s.snapshot);
  const testSet = useLabState((s) => s.testSet);
  const selectedIndex = useViewState((s) => s.selectedIndex);
  const drawn = useViewState((s) => s.drawn);
  const [useDrawing, setUseDrawing] = useState(false);
  const [eps, setEps] = useState<Float32Array[]>([]);
  const rng = useRef(createRng(7));

  // Until the reader picks a digit, show the first held-out one rather than an empty figure.
  useEffect(() => {
    if (testSet && lab.view.getState().selectedIndex === null && !lab.view.getState().drawn) lab.view.setState({ selectedIndex: 0 });
  }, [lab, testSet]);

  const source = drawn && (useDrawing || selectedIndex === null) ? 'drawn' : 'test';
  const index = selectedIndex ?? 0;
  const original = useMemo(() => {
    if (source === 'drawn') return drawn?.pixels ?? null;
    if (!testSet || index >= testSet.count) return null;
    return Float32Array.from(testSet.images.subarray(index * PIXELS, (index + 1) * PIXELS), (v) => v / 255);
  }, [source, drawn, testSet, index]);

  const posterior = useMemo(() => {
    if (!snapshot || !original) return null;
    const { mu, logVar } = encodeCpu(snapshot.encoder, original);
    return { mu, sigma: logVar.map((l) => Math.exp(0.5 * l)) };
  }, [snapshot, original]);

  const latentDim = posterior?.mu.length ?? 0;
  const samples = useMemo(() => {
    if (!snapshot || !posterior) return [];
    return eps.filter((e) => e.length === latentDim).map((e) => {
      const z = e.map((v, k) => (posterior.mu[k] ?? 0) + v * (posterior.sigma[k] ?? 0));
      return { eps: e, z, image: decodeCpu(snapshot.decoder, z) };
    });
  }, [snapshot, posterior, eps, latentDim]);
  const meanImage = useMemo(() => (snapshot && posterior ? decodeCpu(snapshot.decoder, posterior.mu) : null), [snapshot, posterior]);

  const latest = samples[samples.length - 1];
  const viewZ = useViewState((s) => s.z);
  // The z this sampler last wrote; null right after a draw (write the new sample) and while the
  // reader owns z (never write).
  const written = useRef<number[] | null>(null);
  const [follow, setFollow] = useState(false);
  useEffect(() => {
    if (!latest || !follow) return;
    if (written.current && !sameZ(lab.view.getState().z, written.current)) {
      setFollow(false); // the reader moved z since: their control stays where they put it
      return;
    }
    const z = Array.from(latest.z);
    written.current = z;
    lab.view.setState({ z });
  }, [lab, latest, follow]);
  const zFollows = follow && latest !== undefined && (written.current === null || sameZ(viewZ, written.current));

  const draw = (n: number) => {
    if (!latentDim) return;
    written.current = null;
    setFollow(true);
    const fresh = Array.from({ length: n }, () => Float32Array.from({ length: latentDim }, () => rng.current.normal()));
    setEps((old) => [...old, ...fresh].slice(-count));
  };

  const pickRandom = () => {
    if (!testSet) return;
    lab.view.setState({ selectedIndex: Math.floor(Math.random() * testSet.count) });
    setUseDrawing(false);
  };

  const label = source === 'drawn' ? 'your drawing' : `test digit #${index} (a ${testSet?.labels[index] ?? '?'})`;
  return (
    <div className="posterior-sampler" data-testid={testId}>
      <div className="sampler-controls">
        <button type="button" className="primary" onClick={() => draw(1)} disabled={!posterior} data-testid={`${testId}-draw`}>
          Draw ε
        </button>
        <button type="button" onClick={() => draw(count)} disabled={!posterior} data-testid={`${testId}-draw-many`}
          title={`draw ${count} new ε at once; each decodes to one sample of z = μ + ε·σ`}>
          {count} new samples
        </button>
        <button type="button" onClick={pickRandom} disabled={!testSet}>Another test digit</button>
        {drawn && selectedIndex !== null && (
          <label className="sampler-source">
            <input type="checkbox" checked={useDrawing} onChange={(e) => setUseDrawing(e.target.checked)} /> use my drawing
          </label>
        )}
      </div>
      {!snapshot && <p className="figure-note">The samples appear once the model has weights to decode with (a moment after loading).</p>}
      <div className="sampler-row">
        <div className="sampler-cell">
          <DigitCanvas pixels={original} size={72} label={label} />
          <span>{source === 'drawn' ? 'your drawing' : 'the digit x'}</span>
        </div>
        <div className="sampler-cell">
          <DigitCanvas pixels={meanImage} size={72} label="decoded from the posterior mean" />
          <span>g(μ)</span>
        </div>
        <div className="sampler-samples" aria-label="decoded samples">
          {samples.map((s, i) => (
            <DigitCanvas key={i} pixels={s.image} size={48} label={`sample ${i + 1} decoded`} />
          ))}
          {samples.length === 0 && <span className="figure-note">Press “Draw ε” to sample z from this digit’s posterior.</span>}
        </div>
      </div>
      {posterior && (
        <p className="sampler-readout" aria-live="polite" data-testid={`${testId}-readout`}>
          {label}: μ = {vec(posterior.mu)}, σ = {vec(posterior.sigma)}
          {latest && <>; last draw ε = {vec(latest.eps)} gives z = μ + ε·σ = {vec(latest.z)}</>}
        </p>
      )}
      {latest && (
        <p className="figure-note" data-testid={`${testId}-z-mode`} data-follows={zFollows ? 'yes' : 'no'}>
          {zFollows
            ? 'The z sliders and the map’s marker show this last sample, μ + ε·σ, and follow the model as it trains. Move a slider or the marker to take z over.'
            : 'The z sliders hold the z you set; the digit beside them is still decoded by the live model. Draw ε to follow μ + ε·σ again.'}
        </p>
      )}
    </div>
  );
}
