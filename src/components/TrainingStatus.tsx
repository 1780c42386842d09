import { useLabController, useLabState } from '../hooks/useLab';
import { lossUnits } from '../model/lossUnits';

/**
 * A one-line view of the shared model, shown on every page: is it training, how far has it
 * got, and a button to pause or resume it without scrolling to the full training panel.
 */
export function TrainingStatus({ panelHref }: { panelHref: string }) {
  const lab = useLabController();
  const phase = useLabState((s) => s.phase);
  const running = useLabState((s) => s.running);
  const step = useLabState((s) => s.latest?.step ?? 0);
  const loss = useLabState((s) => s.latest?.loss);
  const lossUnit = useLabState((s) => lossUnits(s.config.reconLoss, s.config.reconReduction).loss);
  const ready = phase === 'ready' || phase === 'training';
  const state = phase === 'loading' ? 'loading MNIST…' : phase === 'error' ? 'stopped (error)' : running ? 'training' : step > 0 ? 'paused' : 'not started';
  return (
    <div className="training-status">
      <span className={`status-dot ${running ? 'on' : ''}`} aria-hidden="true" />
      <span className="status-text">
        <a href={panelHref}>Main model</a>: {state}
        {step > 0 && (
          <span className="status-numbers">
            {' '}· step {step}{loss !== undefined && Number.isFinite(loss) ? ` · loss ${loss.toFixed(1)} ${lossUnit}` : ''}
          </span>
        )}
      </span>
      <button type="button" className="status-button" disabled={!ready} onClick={() => lab.toggle()}>
        {running ? 'Pause' : step > 0 ? 'Resume' : 'Train'}
      </button>
    </div>
  );
}
