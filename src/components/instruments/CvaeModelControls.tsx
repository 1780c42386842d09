import { useMainLab } from '../../hooks/sectionLab';
import { useLabController, useLabState } from '../../hooks/useLab';
import { useSyncExternalStore } from 'react';
import { CVAE_KINDS, type CvaeKind } from '../../shared/types';
import { useTranslation } from '../../i18n';
import './instruments.css';

/** Latent sizes the reader can give the CVAE: the essay's 2, and a roomier 8. */
export const CVAE_LATENT_SIZES = [2, 8] as const;

const KIND_LABELS = {
  essay: 'instruments.controls.kindEssay',
  standard: 'instruments.controls.kindStandard',
} as const satisfies Record<CvaeKind, string>;

/**
 * Which conditional VAE this page trains, and at which latent size; either change starts a new
 * model (the weights of one do not fit the other). Also says which settings the CVAE shares
 * with the main model and which it keeps its own.
 */
export function CvaeModelControls() {
  const lab = useLabController();
  const { t } = useTranslation();
  const config = useLabState((s) => s.config);
  const settings = useLabState((s) => s.settings);
  const kind = config.kind ?? 'essay';
  const mainLab = useMainLab();
  const mainSettings = useSyncExternalStore(mainLab.store.subscribe, () => mainLab.store.getState().settings);
  const mainConfig = useSyncExternalStore(mainLab.store.subscribe, () => mainLab.store.getState().config);
  return (
    <div className="cvae-controls">
      <div className="panel-row">
        <label className="control">
          <span>{t('instruments.controls.kind')}</span>
          <select data-testid="cvae-kind" value={kind} onChange={(e) => lab.reset({ kind: e.target.value as CvaeKind })}>
            {CVAE_KINDS.map((k) => <option key={k} value={k}>{t(KIND_LABELS[k])}</option>)}
          </select>
        </label>
        <label className="control">
          <span>{t('instruments.controls.latent')}</span>
          <select data-testid="cvae-latent" value={config.latentDim} onChange={(e) => lab.reset({ latentDim: Number(e.target.value) })}>
            {[...new Set([...CVAE_LATENT_SIZES, config.latentDim])].sort((a, b) => a - b).map((d) => <option key={d} value={d}>{d}</option>)}
          </select>
        </label>
      </div>
      <p className="hint" data-testid="cvae-settings-note">
        {t('instruments.controls.noteStart', { latent: config.latentDim })}
        <strong data-testid="cvae-beta">{settings.klWeight.toFixed(2)}</strong>{t('instruments.controls.noteMain')}
        <strong data-testid="cvae-main-beta">{mainSettings.klWeight.toFixed(2)}</strong>
        {t('instruments.controls.noteRest', {
          hidden: config.hiddenDim,
          lr: settings.learningRate,
          batch: settings.batchSize,
          since: mainConfig.hiddenDim !== config.hiddenDim || mainSettings.learningRate !== settings.learningRate
            || mainSettings.batchSize !== settings.batchSize ? t('instruments.controls.noteSince') : '',
        })}
      </p>
    </div>
  );
}
