import { useId, useRef, type KeyboardEvent } from 'react';
import { useLabController, useLabState } from '../hooks/useLab';
import { BETA_DETENT, BETA_LADDER, snapDraggedBeta, stepOnLadder } from '../state/betaLadder';
import { BETA_MAX, SETTINGS } from '../settings/schema';
import { labelText } from '../i18n/settingLabels';
import { useTranslation } from '../i18n';
import { useFormat } from '../i18n/format';

const BETA_MIN = SETTINGS.klWeight.min;

/** Where the thumb's centre sits for a value, so the mark at 1 lines up with it (16 px thumb). */
function thumbLeft(beta: number): string {
  return `calc(8px + (100% - 16px) * ${(beta - BETA_MIN) / (BETA_MAX - BETA_MIN)})`;
}

/**
 * The KL weight beta: a range input whose value is beta itself. Arrow keys walk BETA_LADDER
 * (0, 0.1, ... 1 ... BETA_MAX), Home is 0, End the collapse end, the 1 key returns to 1, and a
 * drag that ends near 1 snaps to it; three buttons name the three regimes.
 */
export function BetaControl() {
  const lab = useLabController();
  const { t } = useTranslation();
  const format = useFormat();
  const beta = useLabState((s) => s.settings.klWeight);
  const dragging = useRef(false);
  const id = useId();
  const set = (klWeight: number): void => lab.updateSettings({ klWeight });

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const next = ({
      ArrowUp: stepOnLadder(beta, 1), ArrowRight: stepOnLadder(beta, 1), PageUp: stepOnLadder(beta, 1),
      ArrowDown: stepOnLadder(beta, -1), ArrowLeft: stepOnLadder(beta, -1), PageDown: stepOnLadder(beta, -1),
      Home: BETA_MIN, End: BETA_MAX, 0: BETA_MIN, 1: BETA_DETENT.at,
    } as Record<string, number | undefined>)[e.key];
    if (next === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    set(next);
  };

  return (
    <div className="control control-wide beta-control">
      <label htmlFor={`${id}-input`}>
        {labelText(t, SETTINGS.klWeight.control ?? SETTINGS.klWeight.label)}<output data-testid="kl-weight-value">{beta.toFixed(2)}</output>
      </label>
      <div className="beta-track">
        <span className="beta-mark" style={{ left: thumbLeft(BETA_DETENT.at) }} aria-hidden="true" title={t('panel.beta.markTitle')}>▾1</span>
        <input
          id={`${id}-input`} type="range" min={BETA_MIN} max={BETA_MAX} step={0.05} value={beta} data-testid="kl-weight"
          aria-valuetext={t('panel.beta.valueText', { value: beta.toFixed(2) })}
          aria-describedby={`${id}-keys`}
          onKeyDown={onKeyDown}
          onPointerDown={() => { dragging.current = true; }}
          onPointerUp={() => { dragging.current = false; }}
          onPointerCancel={() => { dragging.current = false; }}
          onChange={(e) => {
            const v = Number(e.target.value);
            set(dragging.current ? snapDraggedBeta(v) : v);
          }}
        />
      </div>
      <div className="beta-presets" role="group" aria-label={t('panel.beta.presets')}>
        <button type="button" data-testid="kl-weight-set-0" aria-pressed={beta === BETA_MIN} onClick={() => set(BETA_MIN)}>{t('panel.beta.autoencoder')}</button>
        <button type="button" data-testid="kl-weight-set-1" aria-pressed={beta === BETA_DETENT.at} onClick={() => set(BETA_DETENT.at)}>{t('panel.beta.vae')}</button>
        <button type="button" data-testid="kl-weight-set-max" aria-pressed={beta === BETA_MAX} onClick={() => set(BETA_MAX)}>{t('panel.beta.collapse', { max: BETA_MAX })}</button>
      </div>
      <span className="hint" id={`${id}-keys`}>
        {t('panel.beta.keys', { ladder: BETA_LADDER.map((b) => format.number(b)).join(' · '), max: BETA_MAX })}
      </span>
    </div>
  );
}
