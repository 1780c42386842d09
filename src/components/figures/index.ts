/** The article's figures: toys of exact math (no props) and figures of the shipped or live model. */
export { ElboGapFigure } from './ElboGapFigure';
export { GradientEstimatorsFigure } from './GradientEstimatorsFigure';
export { KlDivergenceFigure } from './KlDivergenceFigure';
export { KlFitFigure } from './KlFitFigure';
export { KlPartsFigure } from './KlPartsFigure';
export { AeVaeInterpolationFigure } from './AeVaeInterpolationFigure';
export { GreySmudgeFigure } from './GreySmudgeFigure';
