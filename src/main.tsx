import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles.css';
import './i18n/typography.css';
import { App } from './App';
import { TEST_SUBSET } from './hooks/labController';
import { appLabs, autosaveFor, getMainLab, getUrlSettings } from './hooks/labs';
import { LabsProvider } from './hooks/sectionLab';
import { i18n, languageForUrl, startLanguage } from './i18n';
import { canonicalModelSettings } from './state/linkSettings';
import { rememberShownSettings, tabStorage } from './state/tabSession';
import { serializeSettings } from './state/urlSchema';

const lab = getMainLab();
// The URL's ?lang= (a bad value has become a notice and 'auto'), else storage, else the browser.
startLanguage(getUrlSettings().lang);
lab.connect();
autosaveFor(lab);

// ?digit=N picks test digit N; within the map's subset it is also the selection.
const urlDigit = getUrlSettings().digit;
if (urlDigit >= 0) lab.view.setState({ pickedDigit: urlDigit, selectedIndex: urlDigit < TEST_SUBSET ? urlDigit : null });
lab.view.subscribe(() => {
  const { selectedIndex, pickedDigit } = lab.view.getState();
  if (selectedIndex !== null && selectedIndex !== pickedDigit) lab.view.setState({ pickedDigit: selectedIndex });
});

// Settings, the picked digit and a chosen language follow the URL, so a link reproduces the
// experiment in the sender's language. replaceState: the hash (the page) and history stay as they are.
let lastShownSettings: string | null = null;
function writeUrl(): void {
  const { settings, config } = lab.store.getState();
  const digit = lab.view.getState().pickedDigit ?? -1;
  // Named fields only: whatever else a config object carries must never reach a shared link.
  const shown = {
    ...getUrlSettings(), ...settings, latentDim: config.latentDim, hiddenDim: config.hiddenDim, seed: config.seed, digit, lang: languageForUrl(),
  };
  const search = serializeSettings(shown);
  // A reload of this tab is then told apart from a shared link (src/hooks/persistence.ts).
  // Written only when it changes: this runs on every store update (several a second while
  // training), and each sessionStorage write is synchronous (~1.4 ms in a profile of #/reparam).
  const canonical = canonicalModelSettings(shown);
  if (canonical !== lastShownSettings) {
    rememberShownSettings(tabStorage(), canonical);
    lastShownSettings = canonical;
  }
  if (search !== window.location.search) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }
}
lab.store.subscribe(writeUrl);
lab.view.subscribe(writeUrl);
i18n.on('languageChanged', writeUrl);

// Hooks for the browser tests' fault injection; they change nothing unless called.
(window as unknown as { vaeLabDebug: object }).vaeLabDebug = {
  loseContext: () => lab.debugLoseContext(),
  crashWorker: () => lab.debugCrash(),
  trainedSeconds: () => lab.trainedSeconds(),
  lastSaveMs: () => autosaveFor(lab).lastSaveMs,
  lastSaveParts: () => ({ mainMs: autosaveFor(lab).lastSaveMainMs, workerMs: autosaveFor(lab).lastSaveWorkerMs, inPlace: autosaveFor(lab).lastSaveInPlace }),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabsProvider labs={appLabs}>
      <App />
    </LabsProvider>
  </StrictMode>,
);
