import { useLabController, useLabState } from '../hooks/useLab';
import { lossUnits } from '../shared/lossUnits';
import { useTranslation } from '../i18n';
import { useFormat } from '../i18n/format';
import { unitText } from '../i18n/panelMessages';

/**
 * A one-line view of the shared model, shown on every page: is it training, how far has it
 * got, and a button to pause or resume it without scrolling to the full training panel.
 */
export function TrainingStatus({ panelHref }: { panelHref: string }) {
  const lab = useLabController();
  const { t } = useTranslation();
  const format = useFormat();
  const phase = useLabState((s) => s.phase);
  const running = useLabState((s) => s.running);
  const step = useLabState((s) => s.latest?.step ?? 0);
  const loss = useLabState((s) => s.latest?.loss);
  const lossUnit = useLabState((s) => lossUnits(s.settings.reconLoss, s.settings.reconReduction).ids.loss);
  const ready = phase === 'ready' || phase === 'training';
  const state = t(phase === 'loading' ? 'status.loading' : phase === 'error' ? 'status.error' : running ? 'status.training' : step > 0 ? 'status.paused' : 'status.notStarted');
  return (
    <div className="training-status">
      <span className={`status-dot ${running ? 'on' : ''}`} aria-hidden="true" />
      <span className="status-text">
        <a href={panelHref}>{t('status.mainModel')}</a>{t('status.colon')}{state}
        {step > 0 && (
          <span className="status-numbers">
            {' '}· {t('status.step', { step: format.number(step) })}
            {loss !== undefined && Number.isFinite(loss) ? ` · ${t('status.loss', { loss: format.number(loss, { digits: 1 }), unit: unitText(t, lossUnit) })}` : ''}
          </span>
        )}
      </span>
      <button type="button" className="status-button" disabled={!ready} onClick={() => lab.toggle()}>
        {t(running ? 'status.pause' : step > 0 ? 'status.resume' : 'status.train')}
      </button>
    </div>
  );
}
