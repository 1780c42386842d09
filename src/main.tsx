import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles.css';
import './i18n/typography.css';
import { App } from './App';
import { autosaveFor, getMainLab, getUrlSettings } from './hooks/labs';
import { LabContext } from './hooks/useLab';
import { i18n, languageForUrl, startLanguage } from './i18n';
import { serializeSettings } from './state/urlSchema';

const lab = getMainLab();
// The URL's ?lang= (a bad value has become a notice and 'auto'), else storage, else the browser.
startLanguage(getUrlSettings().lang);
lab.connect();
autosaveFor(lab);

// Settings and a chosen language follow the URL, so a link reproduces the experiment in the
// sender's language. replaceState: the hash (the page) and history stay as they are.
function writeUrl(): void {
  const { settings, config } = lab.store.getState();
  const search = serializeSettings({ ...getUrlSettings(), ...settings, ...config, lang: languageForUrl() });
  if (search !== window.location.search) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }
}
lab.store.subscribe(writeUrl);
i18n.on('languageChanged', writeUrl);

// Hooks for the browser tests' fault injection; they change nothing unless called.
(window as unknown as { vaeLabDebug: object }).vaeLabDebug = {
  loseContext: () => lab.debugLoseContext(),
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={lab}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);
