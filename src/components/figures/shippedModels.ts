/**
 * The models `npm run pretrain` ships in public/pretrained/, fetched once per page load and
 * turned into CPU weights, for figures that compare fixed, named models.
 */
import { decodeModelFile, type SavedModel } from '../../model/modelFile';
import { cpuWeightsOf } from '../../model/savedWeights';
import type { DecoderWeights, EncoderWeights } from '../../shared/types';

export interface ShippedModel {
  file: string;
  saved: SavedModel;
  encoder: EncoderWeights;
  decoder: DecoderWeights;
}

const cache = new Map<string, Promise<ShippedModel>>();

export function loadShippedModel(file: string): Promise<ShippedModel> {
  let pending = cache.get(file);
  if (!pending) {
    pending = (async () => {
      const url = new URL(`${import.meta.env.BASE_URL}pretrained/${file}`, document.baseURI).href;
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${file}`);
      const saved = decodeModelFile(new Uint8Array(await res.arrayBuffer()));
      return { file, saved, ...cpuWeightsOf(saved) };
    })();
    // A failed fetch is not cached, so a later mount may try again.
    pending.catch(() => cache.delete(file));
    cache.set(file, pending);
  }
  return pending;
}
