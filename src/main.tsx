import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles.css';
import { App } from './App';
import { autosaveFor, getMainLab, getUrlSettings } from './hooks/labs';
import { LabContext } from './hooks/useLab';
import { serializeSettings } from './state/urlSchema';

const lab = getMainLab();
lab.connect();
autosaveFor(lab);

// Settings follow the URL, so a link reproduces the experiment.
lab.store.subscribe(() => {
  const { settings, config } = lab.store.getState();
  const search = serializeSettings({ ...getUrlSettings(), ...settings, ...config });
  if (search !== window.location.search) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }
});

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
