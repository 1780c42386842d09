import { ErrorBanner } from './ErrorBanner';
import { LoadBar } from './LoadBar';
import { TrainingPanel } from './TrainingPanel';
import { CvaeAccuracy } from './instruments/CvaeAccuracy';
import { CvaeClassPicker } from './instruments/CvaeClassPicker';
import { CvaeModelControls } from './instruments/CvaeModelControls';
import { LatentMapView } from './instruments/LatentMapView';

/**
 * The CVAE page's workbench, the same in every language: the CVAE's own load bar and errors (the
 * shell's show the main model's), the choice of CVAE, its training panel, the classifier's
 * reading, and the class picker beside the latent map with the class centres.
 */
export function CvaeTrainer() {
  return (
    <>
      <LoadBar />
      <ErrorBanner />
      <CvaeModelControls />
      <TrainingPanel compact />
      <CvaeAccuracy />
      <div className="figure-slot figure-wide" data-testid="figure-cvae">
        <CvaeClassPicker />
        <LatentMapView showClassMeans />
      </div>
    </>
  );
}
