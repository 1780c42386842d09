import { useMemo, useRef, useState } from 'react';
import { useLabState, useViewState } from '../../hooks/useLab';
import { decodeCpu, encodeCpu } from '../../model/cpuNet';
import { drawDigitGrid } from '../../plots/digitCanvas';
import { DigitCanvas } from '../DigitCanvas';
import { lerpCodes } from './decode';
import { useLabSelection } from './labHooks';
import { firstOfEachClass, testDigit } from './testDigits';
import { useTranslation } from '../../i18n';
import './instruments.css';

export interface InterpolationViewProps {
  /** Points on the path, endpoints included (default 10). */
  steps?: number;
  /** Classes of the default endpoints (default 2 and 7). */
  from?: number;
  to?: number;
}

type End = 'a' | 'b';

/**
 * Decodes evenly spaced points on the straight line between two test digits' posterior means,
 * mu_a + t (mu_b - mu_a) for t = 0 .. 1: in a well-trained VAE every point on the way is a digit.
 */
export function InterpolationView({ steps = 10, from = 2, to = 7 }: InterpolationViewProps) {
  const { t } = useTranslation();
  const testSet = useLabState((s) => s.testSet);
  const selectedIndex = useViewState((s) => s.selectedIndex);
  const firsts = useMemo(() => (testSet ? firstOfEachClass(testSet.labels) : []), [testSet]);
  const [chosen, setChosen] = useState<{ a: number | null; b: number | null }>({ a: null, b: null });
  const a = chosen.a ?? firsts[from] ?? -1;
  const b = chosen.b ?? firsts[to] ?? -1;
  const pathRef = useRef<HTMLCanvasElement>(null);
  // Stable pixel arrays, so the small canvases repaint only when their digit changes.
  const thumbs = useMemo(() => (testSet ? firsts.map((i) => (i >= 0 ? testDigit(testSet, i) : null)) : []), [firsts, testSet]);
  const endA = useMemo(() => (testSet && a >= 0 ? testDigit(testSet, a) : null), [testSet, a]);
  const endB = useMemo(() => (testSet && b >= 0 ? testDigit(testSet, b) : null), [testSet, b]);

  useLabSelection((lab) => [lab.store.getState().snapshot, lab.store.getState().testSet, a, b, steps] as const, ([snapshot, set]) => {
    const canvas = pathRef.current;
    if (!snapshot || !set || !canvas || a < 0 || b < 0) return;
    const muA = encodeCpu(snapshot.encoder, testDigit(set, a)).mu;
    const muB = encodeCpu(snapshot.encoder, testDigit(set, b)).mu;
    const path = lerpCodes(muA, muB, steps).map((z) => decodeCpu(snapshot.decoder, z));
    drawDigitGrid(canvas, path, { rows: 1, cols: steps, scale: 2 });
  });

  if (!testSet) return null;
  const pick = (end: End, index: number) => setChosen((c) => ({ ...c, [end]: index }));
  const picker = (end: End, current: number) => (
    <div className="interp-picker" role="group" aria-label={t(end === 'a' ? 'instruments.interp.startGroup' : 'instruments.interp.endGroup')}>
      <span className="strip-label">{t(end === 'a' ? 'instruments.interp.from' : 'instruments.interp.to')}</span>
      {firsts.map((index, digit) => index >= 0 && (
        <button key={digit} type="button" className="digit-button" aria-pressed={index === current} data-testid={`interp-${end}-${digit}`}
          aria-label={t(end === 'a' ? 'instruments.interp.startAt' : 'instruments.interp.endAt', { digit })} onClick={() => pick(end, index)}>
          <DigitCanvas pixels={thumbs[digit] ?? null} size={28} label={t('instruments.common.testDigit', { digit })} />
        </button>
      ))}
      <button type="button" className="use-selected" data-testid={`interp-${end}-selected`} disabled={selectedIndex === null}
        aria-pressed={selectedIndex !== null && selectedIndex === current} onClick={() => selectedIndex !== null && pick(end, selectedIndex)}>
        {t('instruments.interp.selected')}
      </button>
    </div>
  );

  return (
    <figure className="instrument interpolation-view">
      {picker('a', a)}
      {picker('b', b)}
      <div className="interp-path">
        <DigitCanvas pixels={endA} size={40} label={t('instruments.interp.startGroup')} />
        <canvas ref={pathRef} className="digit-strip" data-testid="interp-path" role="img"
          aria-label={t('instruments.interp.path', { steps })} />
        <DigitCanvas pixels={endB} size={40} label={t('instruments.interp.endGroup')} />
      </div>
      <figcaption>
        {t('instruments.interp.captionBefore')}μ<sub>a</sub> + t (μ<sub>b</sub> − μ<sub>a</sub>){t('instruments.interp.captionAfter')}
      </figcaption>
    </figure>
  );
}
