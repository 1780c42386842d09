/**
 * The CPU encoder and decoder weights of a saved model file, so a page can run a shipped model
 * (e.g. the pretrained VAE beside the pretrained autoencoder) without the worker or tfjs.
 */
import { PARAM_ORDER, type ParamKey } from '../shared/architecture';
import type { SavedModel } from './modelFile';
import type { DecoderWeights, EncoderWeights } from '../shared/types';

export function cpuWeightsOf(model: SavedModel): { encoder: EncoderWeights; decoder: DecoderWeights } {
  const p = (key: ParamKey): Float32Array => {
    const values = model.params[PARAM_ORDER.indexOf(key)];
    if (!values) throw new Error(`the model file has no ${key}`);
    return values;
  };
  const { latentDim, hiddenDim } = model.config;
  return {
    encoder: { latentDim, hiddenDim, w1: p('encW'), b1: p('encB'), wMu: p('muW'), bMu: p('muB'), wLogVar: p('logVarW'), bLogVar: p('logVarB') },
    decoder: { latentDim, hiddenDim, w1: p('decW1'), b1: p('decB1'), w2: p('decW2'), b2: p('decB2') },
  };
}
