import { useEffect, useMemo, useRef, useState } from 'react';
import { useLabController, useLabState, useViewState } from '../../hooks/useLab';
import { encodeCpu } from '../../model/cpuNet';
import type { ModelSnapshot } from '../../shared/types';
import { LatentMap, type ExtraPosterior } from '../../plots/latentMap';
import type { DrawnDigit } from '../../state/viewState';
import { DigitCanvas } from '../DigitCanvas';
import { LatentDimsChooser } from './LatentDimsChooser';
import { usePlot } from '../usePlot';
import { useLabSelection } from './labHooks';
import { testDigit } from './testDigits';
import { useTranslation } from '../../i18n';
import './instruments.css';

export interface LatentMapViewProps {
  /** CVAE: mark each class's prior mean mu^y. */
  showClassMeans?: boolean;
  /** Outline the posterior of the digit drawn on the draw pad. */
  showDrawn?: boolean;
  /** Show the sliders' z as a marker that can be dragged on the map. */
  showZ?: boolean;
  /** Largest width in CSS px; the map is square and shrinks to fit its container. */
  maxWidth?: number;
  /** Offer the aggregate-posterior contours against the prior's circles; the value is the initial state. */
  showAggregate?: boolean;
}

interface Hover {
  index: number;
  x: number;
  y: number;
}

/**
 * Held-out test digits at their posterior mean mu, coloured by label. Hover shows the digit,
 * click selects it and outlines its posterior N(mu, sigma^2) at 1 and 2 sigma.
 */
export function LatentMapView({ showClassMeans = false, showDrawn = false, showZ = false, maxWidth = 520, showAggregate }: LatentMapViewProps) {
  const lab = useLabController();
  const { t } = useTranslation();
  const drawingLabel = t('instruments.map.yourDrawing');
  const frameRef = useRef<HTMLDivElement>(null);
  const { ref, width: containerWidth, drawNow } = usePlot((root) => new LatentMap(root), { fallbackWidth: maxWidth });
  const width = Math.min(maxWidth, containerWidth);
  const mapDims = useViewState((s) => s.mapDims);
  const selectedIndex = useViewState((s) => s.selectedIndex);
  const testSet = useLabState((s) => s.testSet);
  const hasSnapshot = useLabState((s) => s.snapshot !== null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [aggregate, setAggregate] = useState(showAggregate ?? false);

  // Size, axes, the pointer's callbacks and the draggable marker: rare changes, so a full
  // re-layout is fine.
  useEffect(() => {
    const [dimX, dimY] = mapDims;
    drawNow((map) => map.setOptions({
      width,
      height: width + 20,
      dimX,
      dimY,
      onCurrentZChange: showZ
        ? (zx, zy) => {
          const z = [...lab.view.getState().z];
          z[dimX] = zx;
          z[dimY] = zy;
          lab.view.setState({ z });
        }
        : undefined,
      onHover: (index, clientX, clientY) => {
        const frame = frameRef.current?.getBoundingClientRect();
        setHover(index === null ? null : { index, x: clientX - (frame?.left ?? 0), y: clientY - (frame?.top ?? 0) });
      },
      onSelect: (index) => lab.view.setState({ selectedIndex: index }),
    }));
  }, [drawNow, lab, width, mapDims, showZ]);

  // Points follow each snapshot; overlays follow the view state. Neither re-renders React, and
  // both are drawn at once (not a frame later) so a dragged marker stays under the pointer.
  // The drawing's posterior, kept while neither the drawing nor the weights change: the overlays
  // are redrawn on every view change (a dragged z), which should not re-encode it.
  const drawnEncoding = useRef<DrawnEncoding | null>(null);
  useLabSelection((l) => {
    const { snapshot, testSet } = l.store.getState();
    return [snapshot, testSet, l.view.getState(), showClassMeans, showDrawn, showZ, aggregate, drawingLabel] as const;
  }, ([snapshot, set, view], before) => drawNow((map) => {
    const dataChanged = !before || snapshot !== before[0] || (set?.labels ?? null) !== (before[1]?.labels ?? null);
    if (dataChanged && snapshot && set) {
      const count = Math.min(snapshot.codes.count, set.count);
      map.update({ codes: { ...snapshot.codes, count }, labels: set.labels.subarray(0, count) });
    }
    const cached = drawnEncoding.current;
    if (showDrawn && view.drawn && snapshot && (cached?.drawn !== view.drawn || cached.snapshot !== snapshot)) {
      drawnEncoding.current = { drawn: view.drawn, snapshot, posterior: encodeCpu(snapshot.encoder, view.drawn.pixels) };
    }
    const encoded = drawnEncoding.current;
    const drawn: ExtraPosterior[] = showDrawn && view.drawn && encoded
      ? [{ ...encoded.posterior, color: '#111111', label: drawingLabel }]
      : [];
    map.setOverlays({
      selectedIndex: view.selectedIndex,
      extraPosteriors: drawn,
      classMeans: showClassMeans ? (snapshot?.classMeans ?? null) : null,
      currentZ: showZ ? view.z : null,
      aggregate,
    });
  }));

  const hoverPixels = useMemo(() => (hover && testSet ? testDigit(testSet, hover.index) : null), [hover, testSet]);
  const hoverLabel = hover && testSet ? testSet.labels[hover.index] : undefined;

  return (
    <figure className="instrument latent-map-view">
      <div className="latent-map-frame" ref={frameRef}>
        <div ref={ref} className="plot-root" data-testid="latent-map" role="img"
          aria-label={t('instruments.map.figure')} />
        {!hasSnapshot && <p className="plot-placeholder">{t('instruments.map.waiting')}</p>}
        {/* Beside the pointer; flipped to its left near the right edge so a phone does not clip it. */}
        {hover && hoverPixels && (
          <div className="map-tooltip" data-testid="latent-map-tooltip" style={{ left: hover.x + 84 > width ? hover.x - 84 : hover.x + 14, top: hover.y + 14 }}>
            <DigitCanvas pixels={hoverPixels} size={56} label={t('instruments.common.testDigit', { digit: hoverLabel ?? '' })} />
            <span>{t('instruments.map.tooltip', { digit: hoverLabel, index: hover.index })}</span>
          </div>
        )}
      </div>
      <LatentDimsChooser />
      {showAggregate !== undefined && (
        <label className="hint">
          <input type="checkbox" checked={aggregate} onChange={(e) => setAggregate(e.currentTarget.checked)} data-testid="latent-map-aggregate" />{' '}
          {t('instruments.map.aggregate')}
        </label>
      )}
      <SelectedDigit index={selectedIndex} />
      <figcaption>
        {t('instruments.map.caption')}
      </figcaption>
    </figure>
  );
}

interface DrawnEncoding {
  drawn: DrawnDigit;
  snapshot: ModelSnapshot;
  posterior: { mu: Float32Array; logVar: Float32Array };
}

/** The selected digit, its mu and sigma in numbers, and a way to clear the selection. */
function SelectedDigit({ index }: { index: number | null }) {
  const lab = useLabController();
  const { t } = useTranslation();
  const testSet = useLabState((s) => s.testSet);
  const snapshot = useLabState((s) => s.snapshot);
  const pixels = useMemo(() => (index !== null && testSet ? testDigit(testSet, index) : null), [index, testSet]);
  // Encoded with the newest weights (as the sampler does), not read from the map's codes, which
  // are re-encoded only every few seconds: one digit shows one mu.
  const posterior = useMemo(() => (snapshot && pixels ? encodeCpu(snapshot.encoder, pixels) : null), [snapshot, pixels]);
  if (index === null || !testSet || !pixels) return <p className="hint selected-digit">{t('instruments.map.clickToSelect')}</p>;
  const fmt = (a: Float32Array | undefined, f: (v: number) => number) => (a ? Array.from(a, (v) => f(v).toFixed(2)).join(', ') : '–');
  return (
    <div className="selected-digit" data-testid="latent-map-selected">
      <DigitCanvas pixels={pixels} size={42} label={t('instruments.map.selectedDigit', { digit: testSet.labels[index] ?? '' })} />
      <span>
        {t('instruments.map.selected')}<strong>{testSet.labels[index]}</strong> (#{index}) · μ = ({fmt(posterior?.mu, (v) => v)}) · σ = (
        {fmt(posterior?.logVar, (v) => Math.exp(v / 2))})
      </span>
      <button type="button" onClick={() => lab.view.setState({ selectedIndex: null })}>{t('instruments.common.clear')}</button>
    </div>
  );
}
