import type { ModelConfig, TrainSettings } from '../shared/types';
import { TRAINING_SETTING_NAMES, defaultTrainSettings } from '../settings/schema';
import { parseSettings, type UrlNotice, type UrlSettings } from '../state/urlSchema';
import { LabController, TEST_SUBSET } from './labController';
import { canonicalModelSettings, urlNamesModel } from '../state/linkSettings';
import { shownHereBefore, tabStorage } from '../state/tabSession';
import { Autosave, browserDeps } from './persistence';
import type { Labs } from './sectionLab';

/**
 * The app's two models: the main VAE every page shares, and the CVAE its own page starts on
 * first visit. Starting one pauses the other: on 2 cores two trainers would each run at half speed.
 */
let urlSettings: UrlSettings | null = null;
let mainLab: LabController | null = null;
let cvaeLab: LabController | null = null;
const autosaves = new Map<LabController, Autosave>();

/** The autosave of a lab, started on first use (it restores the last save). */
export function autosaveFor(lab: LabController): Autosave {
  let a = autosaves.get(lab);
  if (!a) {
    // Only the main model follows the URL's model settings; the CVAE restores as before.
    const search = lab.id === 'main' ? window.location.search : '';
    const names = urlNamesModel(search);
    const autosave = new Autosave(lab, browserDeps(names, names && shownHereBefore(tabStorage(), canonicalModelSettings(getUrlSettings()))));
    a = autosave;
    autosaves.set(lab, a);
    // A restarted worker comes back with the last save, as a reload would.
    lab.onRestart = () => {
      autosave.restore().catch((err: unknown) => lab.store.setState({ error: `Could not load the model: ${(err as Error).message}. The current model is unchanged.` }));
    };
    void a.start();
  }
  return a;
}

function settingsFromUrl(): { url: UrlSettings; notices: UrlNotice[] } {
  const { settings, notices } = parseSettings(window.location.search);
  urlSettings = settings;
  return { url: settings, notices };
}

function dataUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}data/mnist/`, document.baseURI).href;
}

function configFrom(url: UrlSettings, conditional: boolean): { config: ModelConfig; settings: TrainSettings } {
  return {
    config: { latentDim: url.latentDim, hiddenDim: url.hiddenDim, conditional, seed: url.seed },
    settings: Object.fromEntries(TRAINING_SETTING_NAMES.map((n) => [n, url[n]])) as TrainSettings,
  };
}

export function getMainLab(): LabController {
  if (mainLab) return mainLab;
  const { url, notices } = settingsFromUrl();
  const { config, settings } = configFrom(url, false);
  mainLab = new LabController(config, settings, url.backend, dataUrl());
  mainLab.wasmThreads = url.wasmThreads;
  if (notices.length) mainLab.store.setState({ notices });
  mainLab.onStart = () => cvaeLab?.pause();
  return mainLab;
}

/** The CVAE: latent size 2 and default training settings, whatever the URL says of the main model. */
export function getCvaeLab(): LabController {
  if (cvaeLab) return cvaeLab;
  const url = urlSettings ?? settingsFromUrl().url;
  const { config, settings } = configFrom({ ...url, latentDim: 2, ...defaultTrainSettings(), learningRate: url.learningRate, batchSize: url.batchSize }, true);
  cvaeLab = new LabController(config, settings, url.backend, dataUrl(), 'cvae');
  cvaeLab.wasmThreads = url.wasmThreads;
  cvaeLab.store.setState({ modelSource: 'new conditional VAE, trained here from scratch' });
  cvaeLab.onStart = () => mainLab?.pause();
  shareDigit(getMainLab(), cvaeLab);
  cvaeLab.connect();
  autosaveFor(cvaeLab);
  return cvaeLab;
}

/**
 * One picked test digit for both models: the CVAE page's true-posterior figure opens on the main
 * model's pick (the URL's ?digit=), and a pick there goes back through the main lab into the URL.
 */
function shareDigit(main: LabController, other: LabController): void {
  const copy = (from: LabController, to: LabController) => {
    const d = from.view.getState().pickedDigit;
    if (d !== to.view.getState().pickedDigit) to.view.setState({ pickedDigit: d, selectedIndex: d !== null && d < TEST_SUBSET ? d : null });
  };
  copy(main, other);
  main.view.subscribe(() => copy(main, other));
  other.view.subscribe(() => copy(other, main));
}

/** The labs the shell provides (src/main.tsx); pages and components reach them only through it. */
export const appLabs: Labs = {
  lab: (name) => (name === 'cvae' ? getCvaeLab() : getMainLab()),
  autosave: autosaveFor,
};

export function getUrlSettings(): UrlSettings {
  return urlSettings ?? settingsFromUrl().url;
}
