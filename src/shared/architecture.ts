import { cvaeKindOf, type ModelConfig, NUM_CLASSES, PIXELS } from './types';

/** Parameter names and shapes, free of tfjs so the page can check model files without it. */
export const PARAM_ORDER = [
  'encW', 'encB', 'muW', 'muB', 'logVarW', 'logVarB', 'decW1', 'decB1', 'decW2', 'decB2', 'classMeans',
  'encLabelW', 'decLabelW',
] as const;

export type ParamKey = (typeof PARAM_ORDER)[number];

export function paramShapes(config: ModelConfig): Partial<Record<ParamKey, [number, number] | [number]>> {
  const { latentDim: z, hiddenDim: h } = config;
  const shapes: Partial<Record<ParamKey, [number, number] | [number]>> = {
    encW: [PIXELS, h], encB: [h],
    muW: [h, z], muB: [z],
    logVarW: [h, z], logVarB: [z],
    decW1: [z, h], decB1: [h],
    decW2: [h, PIXELS], decB2: [PIXELS],
  };
  const kind = cvaeKindOf(config);
  if (kind === 'essay') shapes.classMeans = [NUM_CLASSES, z];
  // The standard CVAE's concatenated inputs [x, onehot(y)] and [z, onehot(y)]: a product with a
  // concatenation is the sum of two products, so the label's rows are kept as their own weights
  // and the pixel and latent weights keep the plain VAE's shapes.
  if (kind === 'standard') {
    shapes.encLabelW = [NUM_CLASSES, h];
    shapes.decLabelW = [NUM_CLASSES, h];
  }
  return shapes;
}
