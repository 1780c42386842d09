import { useEffect, useState } from 'react';
import { useLabController, useLabState, useViewState } from '../../hooks/useLab';
import type { PosteriorAnalysis } from '../../shared/types';
import { HEATMAP_COLORS, PosteriorHeatmap } from '../../plots/posteriorHeatmap';
import { SETTINGS } from '../../settings/schema';
import { DigitCanvas } from '../DigitCanvas';
import { usePlot } from '../usePlot';
import { testDigit } from './testDigits';
import { useTranslation } from '../../i18n';
import { useFormat } from '../../i18n/format';
import './instruments.css';

const LAST_DIGIT = SETTINGS.digit.max;


/**
 * Issue 11's figure: for one test digit, the model's true posterior p(z|x) on a grid with the
 * encoder's q and the best single Gaussian on top, and log p(x), the ELBO and its two gaps.
 * All numbers come from the worker; this view only picks the digit and draws.
 */
export function TruePosteriorView({ heldOut = true }: {
  /**
   * Keep the held-out IWAE fresh while this figure is open, training or not (the ELBO page). The CVAE
   * page passes false: its model's IWAE then runs as everywhere else, only while paused on a trained model.
   */
  heldOut?: boolean;
}) {
  const lab = useLabController();
  const { t } = useTranslation();
  const format = useFormat();
  const latentDim = useLabState((s) => s.config.latentDim);
  const phase = useLabState((s) => s.phase);
  const testSet = useLabState((s) => s.testSet);
  const analysis = useLabState((s) => s.posterior);
  const picked = useViewState((s) => s.pickedDigit);
  const digit = picked ?? 0;
  const [draft, setDraft] = useState(String(digit));
  const ready = phase === 'ready' || phase === 'training';
  const twoD = latentDim === 2;

  // The box follows a digit picked elsewhere (React's "adjust state when a prop changes" pattern).
  const [draftFor, setDraftFor] = useState(digit);
  if (draftFor !== digit) {
    setDraftFor(digit);
    setDraft(String(digit));
  }

  // Ask the worker for this digit while the figure is on screen; stop when it leaves.
  useEffect(() => {
    if (!ready) return;
    lab.analyze(twoD ? digit : null, heldOut);
  }, [lab, ready, twoD, digit, heldOut]);
  useEffect(() => () => lab.analyze(null, false), [lab]);

  const current = analysis && analysis.digit === digit ? analysis : null;

  const pick = (n: number) => {
    if (!Number.isInteger(n) || n < 0 || n > LAST_DIGIT) return;
    lab.view.setState({ pickedDigit: n, selectedIndex: testSet && n < testSet.count ? n : null });
  };
  const pixels = testSet && digit < testSet.count ? testDigit(testSet, digit) : current?.pixels ?? null;

  if (!twoD) {
    return (
      <figure className="instrument true-posterior-view" data-testid="true-posterior-unavailable">
        <p className="hint">
          {t('instruments.truePosterior.unavailable', { latent: latentDim })}
        </p>
      </figure>
    );
  }

  return (
    <figure className="instrument true-posterior-view">
      <div className="panel-row digit-picker">
        <label>
          {t('instruments.truePosterior.digitInput', { last: LAST_DIGIT })}
          <input type="number" min={0} max={LAST_DIGIT} step={1} value={draft} data-testid="digit-input"
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => pick(Number(draft))}
            onKeyDown={(e) => { if (e.key === 'Enter') pick(Number(draft)); }} />
        </label>
        <button type="button" data-testid="digit-prev" disabled={digit <= 0} onClick={() => pick(digit - 1)} aria-label={t('instruments.truePosterior.previous')}>‹</button>
        <button type="button" data-testid="digit-next" disabled={digit >= LAST_DIGIT} onClick={() => pick(digit + 1)} aria-label={t('instruments.truePosterior.next')}>›</button>
        <button type="button" data-testid="digit-random" onClick={() => pick(Math.floor(Math.random() * (LAST_DIGIT + 1)))}>{t('instruments.truePosterior.random')}</button>
        <DigitCanvas pixels={pixels} size={56} label={t('instruments.common.testDigit', { digit })} testId="picked-digit" />
      </div>
      <div className="true-posterior-body">
        <PosteriorPlot analysis={current} digit={digit} />
        <GapNumbers analysis={current} />
      </div>
      <figcaption>
        {t('instruments.truePosterior.blue', { digit })}
        {current ? t('instruments.truePosterior.blueLabel', { label: current.label }) : ''}{t('instruments.truePosterior.blueRest')}
        <span style={{ color: HEATMAP_COLORS.q }}>{t('instruments.truePosterior.orange')}</span>{t('instruments.truePosterior.orangeRest')}
        <span style={{ color: HEATMAP_COLORS.best }}>{t('instruments.truePosterior.green')}</span>{t('instruments.truePosterior.greenRest')}
        {current && t('instruments.truePosterior.stats', { step: format.number(current.step), points: format.number(current.gridPoints), ms: format.number(Math.round(current.ms)) })}
        {!current && t('instruments.truePosterior.computing')}
      </figcaption>
    </figure>
  );
}

/** The heat map, mounted only while the model has a 2-D latent space to draw. */
function PosteriorPlot({ analysis, digit }: { analysis: PosteriorAnalysis | null; digit: number }) {
  const { t } = useTranslation();
  const { ref, width, drawNow } = usePlot((root) => new PosteriorHeatmap(root), { fallbackWidth: 360 });
  const size = Math.min(360, width);
  useEffect(() => drawNow((heatmap) => heatmap.resize(size)), [drawNow, size]);
  useEffect(() => {
    if (analysis) drawNow((heatmap) => heatmap.update(analysis));
  }, [drawNow, analysis]);
  return (
    <div className="true-posterior-frame">
      <div ref={ref} className="plot-root" data-testid="true-posterior" role="img"
        data-step={analysis?.step} data-digit={analysis?.digit} data-ms={analysis ? Math.round(analysis.ms) : undefined}
        aria-label={t('instruments.truePosterior.figure', { digit })} />
    </div>
  );
}

function GapNumbers({ analysis: a }: { analysis: PosteriorAnalysis | null }) {
  const { t } = useTranslation();
  const nats = (v: number) => t('instruments.common.nats', { value: v.toFixed(2) });
  const total = a ? Math.max(a.gapTotal, 1e-9) : 1;
  const share = (v: number) => `${Math.max(0, Math.min(100, (100 * v) / total))}%`;
  return (
    <div className="gap-numbers-box">
    <dl className="gap-numbers">
      <dt>{t('instruments.truePosterior.logpx')}</dt>
      <dd data-testid="logpx">{a ? nats(a.logPx) : '–'}</dd>
      <dt>{t('instruments.truePosterior.elbo')}</dt>
      <dd data-testid="elbo-q">{a ? nats(a.elboQ) : '–'}</dd>
      <dt>{t('instruments.truePosterior.gap')}</dt>
      <dd data-testid="gap-total">{a ? nats(a.gapTotal) : '–'}</dd>
      <dt>{t('instruments.truePosterior.gapApprox')}</dt>
      <dd data-testid="gap-approx">{a ? nats(a.gapApprox) : '–'}</dd>
      <dt>{t('instruments.truePosterior.gapAmort')}</dt>
      <dd data-testid="gap-amort">{a ? nats(a.gapAmort) : '–'}</dd>
    </dl>
    {/* Outside the list: a <dl> may hold only its terms and descriptions (axe: definition-list). */}
    {a && (
      <div className="gap-bar" role="img" aria-label={t('instruments.truePosterior.gapBar')}>
        <span className="gap-bar-approx" style={{ width: share(a.gapApprox), background: HEATMAP_COLORS.best }} />
        <span className="gap-bar-amort" style={{ width: share(a.gapAmort), background: HEATMAP_COLORS.q }} />
      </div>
    )}
    </div>
  );
}
