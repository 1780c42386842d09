import { useLabController, useLabState } from '../hooks/useLab';
import { lossUnits } from '../model/lossUnits';
import { LOSS_WINDOW_STEPS, trailingMeanLoss } from '../state/lossSmoothing';
import { BetaControl } from './BetaControl';
import { Metric } from './Metric';
import { ModelMenu } from './ModelMenu';

const LEARNING_RATES = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 1];
const BATCH_SIZES = [16, 32, 64, 128, 256, 512];
const LATENT_SIZES = [2, 3, 4, 8, 16];

interface Props {
  /** Hide the model-shape controls on pages that only need start/pause and beta. */
  compact?: boolean;
}

/** Start/pause, reset, the knobs, and the live numbers of the one model being trained. */
export function TrainingPanel({ compact = false }: Props) {
  const lab = useLabController();
  const running = useLabState((s) => s.running);
  const phase = useLabState((s) => s.phase);
  const settings = useLabState((s) => s.settings);
  const config = useLabState((s) => s.config);
  const latest = useLabState((s) => s.latest);
  const history = useLabState((s) => s.history);
  const backend = useLabState((s) => s.backend);
  const backendNote = useLabState((s) => s.backendNote);
  const modelSource = useLabState((s) => s.modelSource);
  const loadNote = useLabState((s) => s.loadNote);
  const heldOut = useLabState((s) => s.heldOut);
  const heldOutProgress = useLabState((s) => s.heldOutProgress);
  const lastTest = findLast(history, (m) => m.testNelbo !== undefined)?.testNelbo;
  const ready = phase === 'ready' || phase === 'training';
  const units = lossUnits(config.reconLoss, config.reconReduction);

  return (
    <section className="training-panel" aria-label="training controls">
      <div className="panel-row">
        <button type="button" className="primary" data-testid="train-toggle" disabled={!ready} onClick={() => lab.toggle()}>
          {running ? 'Pause' : latest ? 'Resume' : 'Start training'}
        </button>
        <button type="button" data-testid="train-reset" disabled={!ready} onClick={() => lab.reset()}>Reset</button>
        <span className="backend" title={backendNote}>
          backend <strong data-testid="backend-name">{backend ?? '…'}</strong>
          {backendNote && <span className="backend-note"> · {backendNote}</span>}
          <span className="backend-note" title="tensors held by TensorFlow.js in the worker; flat means no leak">
            {' '}· tensors <span data-testid="metric-tensors" data-active-loops={latest?.activeLoops}>{latest?.numTensors ?? '–'}</span>
          </span>
        </span>
      </div>
      <p className="model-source" data-testid="model-source">Showing: {modelSource}</p>
      {loadNote && <p className="hint load-note" data-testid="load-changes">{loadNote}</p>}
      <ModelMenu pretrainedFile={!config.conditional ? 'vae-latent2.vaelab' : config.kind === 'standard' ? 'cvae-standard-latent2.vaelab' : 'cvae-latent2.vaelab'} />

      <div className="metrics">
        <Metric label="step" value={latest?.step ?? 0} digits={0} testId="metric-step" />
        <Metric label="epoch" value={latest?.epoch ?? 0} digits={2} testId="metric-epoch" />
        <Metric label="reconstruction" value={latest?.recon} unit={units.recon} testId="metric-recon" />
        <Metric label="KL" value={latest?.kl} digits={2} unit="nats" testId="metric-kl" />
        <Metric label={`loss, mean of last ${LOSS_WINDOW_STEPS} steps`} value={trailingMeanLoss(history)} unit={units.loss} testId="metric-loss"
          title={`reconstruction + beta × KL per digit, averaged over the last ${LOSS_WINDOW_STEPS} training batches; this batch alone: ${latest ? latest.loss.toFixed(1) : '–'}${units.note ? `. ${units.note}` : ''}`} />
        <Metric label="held-out −ELBO" value={lastTest} unit="nats" testId="metric-test-nelbo"
          title={`beta = 1, 1,000 test digits, ${config.pixels === 'binarized' ? 'binarized once with a fixed seed' : 'grey levels'}`} />
        <Metric
          label={heldOut ? `held-out −log p(x), IWAE, step ${heldOut.step}` : 'held-out −log p(x), IWAE'} value={heldOut?.iwaeNats}
          unit="nats" testId="metric-test-iwae"
          title={`importance-weighted estimate: ${heldOut?.samples ?? 1000} samples from q per digit, first ${heldOut?.digits ?? 1000} test digits; `
            + 'computed with the ELBO page open, and elsewhere while paused on a trained model'
            + (heldOut ? `; took ${(heldOut.ms / 1000).toFixed(1)} s in the worker` : '')}
        />
        {heldOutProgress && (
          <span className="hint" data-testid="iwae-progress">
            IWAE for step {heldOutProgress.step}: {heldOutProgress.digits} of {heldOutProgress.of} digits
          </span>
        )}
        {heldOut?.grid && (
          <Metric label={`−log p(x), exact grid, first ${heldOut.grid.digits}`} value={heldOut.grid.nats} unit="nats" testId="metric-test-grid-nll"
            title={`the grid integral over the latent plane on the first ${heldOut.grid.digits} test digits; IWAE on the same digits: ${heldOut.grid.iwaeNats.toFixed(2)} nats`} />
        )}
        <Metric label="speed" value={latest?.samplesPerSec} digits={0} unit="samples/s" testId="metric-speed" />
      </div>

      <div className="controls">
        <BetaControl />
        {!compact && (
          <>
            <label className="control">
              <span>learning rate</span>
              <select value={settings.learningRate} onChange={(e) => lab.updateSettings({ learningRate: Number(e.target.value) })} data-testid="learning-rate">
                {withCurrent(LEARNING_RATES, settings.learningRate).map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </label>
            <label className="control">
              <span>batch size</span>
              <select value={settings.batchSize} onChange={(e) => lab.updateSettings({ batchSize: Number(e.target.value) })} data-testid="batch-size">
                {withCurrent(BATCH_SIZES, settings.batchSize).map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </label>
            <label className="control">
              <span>latent size (resets)</span>
              <select value={config.latentDim} onChange={(e) => lab.reset({ latentDim: Number(e.target.value) })} data-testid="latent-size">
                {withCurrent(LATENT_SIZES, config.latentDim).map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </label>
            <label className="control">
              <span>reconstruction loss</span>
              <select value={config.reconLoss} onChange={(e) => lab.updateSettings({}, { reconLoss: e.target.value === 'mse' ? 'mse' : 'bce' })} data-testid="recon-loss">
                <option value="bce">cross-entropy</option>
                <option value="mse">squared error</option>
              </select>
            </label>
            <label className="control">
              <span>over pixels</span>
              <select value={config.reconReduction} onChange={(e) => lab.updateSettings({}, { reconReduction: e.target.value === 'mean' ? 'mean' : 'sum' })} data-testid="recon-reduction">
                <option value="sum">sum (correct)</option>
                <option value="mean">mean (the classic bug)</option>
              </select>
            </label>
            <label className="control">
              <span>pixels</span>
              <select value={config.pixels ?? 'grey'} onChange={(e) => lab.updateSettings({}, { pixels: e.target.value === 'binarized' ? 'binarized' : 'grey' })} data-testid="pixels"
                title="binarized: each training pixel is a fresh coin flip with its grey level as probability, every step; the held-out digits are binarized once, with a fixed seed">
                <option value="grey">grey (as in most tutorials)</option>
                <option value="binarized">binarized (a true Bernoulli likelihood)</option>
              </select>
            </label>
          </>
        )}
      </div>
    </section>
  );
}

function withCurrent(options: number[], current: number): number[] {
  return options.includes(current) ? options : [...options, current].sort((a, b) => a - b);
}

function findLast<T>(items: readonly T[], pred: (t: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && pred(item)) return item;
  }
  return undefined;
}
