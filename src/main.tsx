import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles.css';
import { App } from './App';
import { LabController } from './hooks/labController';
import { LabContext } from './hooks/useLab';
import { parseSettings, serializeSettings } from './state/urlSchema';

const { settings: url, notices } = parseSettings(window.location.search);
const dataUrl = new URL(`${import.meta.env.BASE_URL}data/mnist/`, document.baseURI).href;
const lab = new LabController(
  {
    latentDim: url.latentDim, hiddenDim: url.hiddenDim, conditional: false,
    reconLoss: url.reconLoss, reconReduction: url.reconReduction, seed: url.seed,
  },
  { learningRate: url.learningRate, batchSize: url.batchSize, klWeight: url.klWeight },
  url.backend,
  dataUrl,
);
if (notices.length) lab.store.setState({ notices });
lab.connect();

// Settings follow the URL, so a link reproduces the experiment.
lab.store.subscribe(() => {
  const { settings, config } = lab.store.getState();
  const search = serializeSettings({ ...url, ...settings, ...config });
  if (search !== window.location.search) {
    window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LabContext.Provider value={lab}>
      <App />
    </LabContext.Provider>
  </StrictMode>,
);
