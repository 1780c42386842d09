import { useLabController, useLabState } from '../hooks/useLab';
import { lossUnits } from '../shared/lossUnits';
import { LOSS_WINDOW_STEPS, trailingMeanLoss } from '../state/lossSmoothing';
import { BetaControl } from './BetaControl';
import { Metric } from './Metric';
import { SettingSelect } from './SettingSelect';
import { SETTINGS } from '../settings/schema';
import type { TrainSettings } from '../shared/types';
import { ModelMenu } from './ModelMenu';
import { useTranslation } from '../i18n';
import { useFormat } from '../i18n/format';
import { backendNoteText, lossNoteText, modelSourceText, unitText } from '../i18n/panelMessages';
import type { LoadChange } from '../state/labState';
import type { TFunction } from 'i18next';

/** The settings the panel offers below beta, with their test hooks (a contract, as URL keys are). */
const PANEL_SETTINGS = [
  ['learningRate', 'learning-rate'], ['batchSize', 'batch-size'], ['latentDim', 'latent-size'],
  ['reconLoss', 'recon-loss'], ['reconReduction', 'recon-reduction'], ['pixels', 'pixels'],
] as const satisfies readonly (readonly [ModelSettingName | TrainSettingName, string])[];

type TrainSettingName = keyof TrainSettings;
type ModelSettingName = 'latentDim' | 'hiddenDim' | 'seed';

interface Props {
  /** Hide the model-shape controls on pages that only need start/pause and beta. */
  compact?: boolean;
}

/** Start/pause, reset, the knobs, and the live numbers of the one model being trained. */
export function TrainingPanel({ compact = false }: Props) {
  const lab = useLabController();
  const { t, i18n } = useTranslation();
  const format = useFormat();
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
  const units = lossUnits(settings.reconLoss, settings.reconReduction);
  const valueOf = (name: ModelSettingName | TrainSettingName): number | string =>
    (SETTINGS[name].scope === 'model' ? config[name as ModelSettingName] : settings[name as TrainSettingName]);
  // The schema says which settings need new weights: those reset the model, the rest apply at the next step.
  const change = (name: ModelSettingName | TrainSettingName, value: number | string): void => {
    if (SETTINGS[name].rebuilds) lab.reset({ [name]: value });
    else lab.updateSettings({ [name]: value });
  };
  const nats = t('panel.unit.nats');
  const backendNoteShown = backendNoteText(t, backendNote);
  const lossTitle = t('panel.metric.lossTitle', { steps: LOSS_WINDOW_STEPS, batch: latest ? format.number(latest.loss, { digits: 1, grouping: false }) : '–' });

  return (
    <section className="training-panel" aria-label={t('panel.sectionLabel')}>
      <div className="panel-row">
        <button type="button" className="primary" data-testid="train-toggle" disabled={!ready} onClick={() => lab.toggle()}>
          {t(running ? 'panel.pause' : latest ? 'panel.resume' : 'panel.start')}
        </button>
        <button type="button" data-testid="train-reset" disabled={!ready} onClick={() => lab.reset()}>{t('panel.reset')}</button>
        <span className="backend" title={backendNoteShown}>
          {t('panel.backend')} <strong data-testid="backend-name">{backend ?? '…'}</strong>
          {backendNoteShown && <span className="backend-note"> · {backendNoteShown}</span>}
          <span className="backend-note" title={t('panel.tensorsTitle')}>
            {' '}· {t('panel.tensors')} <span data-testid="metric-tensors" data-active-loops={latest?.activeLoops}>{latest?.numTensors ?? '–'}</span>
          </span>
        </span>
      </div>
      <p className="model-source" data-testid="model-source">{t('panel.showing', { source: modelSourceText(t, i18n.resolvedLanguage ?? i18n.language, modelSource) })}</p>
      {loadNote && <p className="hint load-note" data-testid="load-changes">{loadNoteText(t, loadNote)}</p>}
      <ModelMenu pretrainedFile={!config.conditional ? 'vae-latent2.vaelab' : config.kind === 'standard' ? 'cvae-standard-latent2.vaelab' : 'cvae-latent2.vaelab'} />

      <div className="metrics">
        <Metric label={t('panel.metric.step')} value={latest?.step ?? 0} digits={0} testId="metric-step" />
        <Metric label={t('panel.metric.epoch')} value={latest?.epoch ?? 0} digits={2} testId="metric-epoch" />
        <Metric label={t('panel.metric.recon')} value={latest?.recon} unit={unitText(t, units.ids.recon)} testId="metric-recon" />
        <Metric label={t('panel.metric.kl')} value={latest?.kl} digits={2} unit={nats} testId="metric-kl" />
        <Metric label={t('panel.metric.lossMean', { steps: LOSS_WINDOW_STEPS })} value={trailingMeanLoss(history)} unit={unitText(t, units.ids.loss)} testId="metric-loss"
          title={t('panel.metric.lossTitleNote', { title: lossTitle, note: lossNoteText(t, units) })} />
        <Metric label={t('panel.metric.testNelbo')} value={lastTest} unit={nats} testId="metric-test-nelbo"
          title={t('panel.metric.testNelboTitle', { pixels: t(settings.pixels === 'binarized' ? 'panel.metric.testBinarized' : 'panel.metric.testGrey') })} />
        <Metric
          label={heldOut ? t('panel.metric.iwaeAtStep', { step: heldOut.step }) : t('panel.metric.iwae')} value={heldOut?.iwaeNats}
          unit={nats} testId="metric-test-iwae"
          title={t('panel.metric.iwaeTitle', { samples: format.number(heldOut?.samples ?? 1000), digits: format.number(heldOut?.digits ?? 1000) })
            + (heldOut ? t('panel.metric.iwaeTook', { seconds: format.number(heldOut.ms / 1000, { digits: 1 }) }) : '')}
        />
        {heldOutProgress && (
          <span className="hint" data-testid="iwae-progress">
            {t('panel.metric.iwaeProgress', { step: heldOutProgress.step, digits: heldOutProgress.digits, of: heldOutProgress.of })}
          </span>
        )}
        {heldOut?.grid && (
          <Metric label={t('panel.metric.grid', { digits: heldOut.grid.digits })} value={heldOut.grid.nats} unit={nats} testId="metric-test-grid-nll"
            title={t('panel.metric.gridTitle', { digits: heldOut.grid.digits, iwae: format.number(heldOut.grid.iwaeNats, { digits: 2, grouping: false }) })} />
        )}
        <Metric label={t('panel.metric.speed')} value={latest?.samplesPerSec} digits={0} unit={t('panel.unit.samplesPerSec')} testId="metric-speed" />
      </div>

      <div className="controls">
        <BetaControl />
        {!compact && (
          <>
            {PANEL_SETTINGS.map(([name, testId]) => (
              <SettingSelect key={name} name={name} testId={testId} value={valueOf(name)} onChange={(v) => change(name, v)} />
            ))}
          </>
        )}
      </div>
    </section>
  );
}

/** What a load changed, in the reader's language. */
function loadNoteText(t: TFunction, change: LoadChange): string {
  const parts = [
    change.latentDim && t('panel.loadNote.latent', change.latentDim),
    change.hiddenDim && t('panel.loadNote.hidden', change.hiddenDim),
  ].filter((p): p is string => Boolean(p));
  const shape = parts.length ? t('panel.loadNote.shape', { changes: parts.join(t('panel.loadNote.and')) }) : '';
  return shape + t('panel.loadNote.kept');
}

function findLast<T>(items: readonly T[], pred: (t: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && pred(item)) return item;
  }
  return undefined;
}
