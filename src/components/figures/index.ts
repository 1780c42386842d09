/** Self-contained toy figures (no neural network): each needs no props. */
export { ElboGapFigure } from './ElboGapFigure';
export { GradientEstimatorsFigure } from './GradientEstimatorsFigure';
export { KlDivergenceFigure } from './KlDivergenceFigure';
export { KlFitFigure } from './KlFitFigure';
export { KlPartsFigure } from './KlPartsFigure';
