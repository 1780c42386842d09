import { ErrorBanner } from './components/ErrorBanner';
import { LoadBar } from './components/LoadBar';
import { ReconstructionStrip } from './components/ReconstructionStrip';
import { TrainingPanel } from './components/TrainingPanel';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>VAE Lab</h1>
        <p className="tagline">A variational autoencoder, trained live on MNIST in your browser.</p>
      </header>
      <main>
        <LoadBar />
        <ErrorBanner />
        <TrainingPanel />
        <ReconstructionStrip />
      </main>
    </div>
  );
}
