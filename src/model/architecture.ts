import { type ModelConfig, NUM_CLASSES, PIXELS } from './types';

/** Parameter names and shapes, free of tfjs so the page can check model files without it. */
export const PARAM_ORDER = [
  'encW', 'encB', 'muW', 'muB', 'logVarW', 'logVarB', 'decW1', 'decB1', 'decW2', 'decB2', 'classMeans',
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
  if (config.conditional) shapes.classMeans = [NUM_CLASSES, z];
  return shapes;
}
