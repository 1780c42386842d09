/** The lab's reusable live views; each reads its model from LabContext (main VAE or CVAE). */
export { CvaeClassPicker } from './CvaeClassPicker';
export { DrawDigitPad } from './DrawDigitPad';
export { InterpolationView } from './InterpolationView';
export { KlBarsView } from './KlBarsView';
export { LatentMapView } from './LatentMapView';
export { LatentSliders } from './LatentSliders';
export { LossChartView } from './LossChartView';
export { ManifoldGridView } from './ManifoldGridView';
export { ReconstructionsView } from './ReconstructionsView';
export { TruePosteriorView } from './TruePosteriorView';
