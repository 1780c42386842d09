import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles.css';
import { App } from './App';
import { TEST_SUBSET } from './hooks/labController';
import { autosaveFor, getMainLab, getUrlSettings } from './hooks/labs';
import { LabContext } from './hooks/useLab';
import { serializeSettings } from './state/urlSchema';

const lab = getMainLab();
lab.connect();
autosaveFor(lab);

// ?digit=N picks test digit N; within the map's subset it is also the selection.
const urlDigit = getUrlSettings().digit;
if (urlDigit >= 0) lab.view.setState({ pickedDigit: urlDigit, selectedIndex: urlDigit < TEST_SUBSET ? urlDigit : null });
lab.view.subscribe(() => {
  const { selectedIndex, pickedDigit } = lab.view.getState();
  if (selectedIndex !== null && selectedIndex !== pickedDigit) lab.view.setState({ pickedDigit: selectedIndex });
});

// Settings and the picked digit follow the URL, so a link reproduces the experiment.
const writeUrl = () => {
  const { settings, config } = lab.store.getState();
  const digit = lab.view.getState().pickedDigit ?? -1;
  const search = serializeSettings({ ...getUrlSettings(), ...settings, ...config, digit });
  if (search !== window.location.search) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }
};
lab.store.subscribe(writeUrl);
lab.view.subscribe(writeUrl);

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
