/**
 * Whether weights are all finite numbers. The model file's writer would store NaN and its reader
 * refuses it, so a save of such weights would be a save nobody can open: every save and every
 * "last good" copy checks first.
 */
export interface WeightArrays {
  params: Float32Array[];
  /** Adam's moments, as a saved model holds them. */
  optimizer?: { m: Float32Array[]; v: Float32Array[] };
  /** Adam's moments, as the trainer's exportState gives them. */
  m?: Float32Array[];
  v?: Float32Array[];
}

/** Names the first array holding NaN or ±Infinity ("weights 3", "Adam m 0"), or null if none does. */
export function firstNonFinite(w: WeightArrays): string | null {
  const groups: [string, Float32Array[] | undefined][] = [
    ['weights', w.params], ['Adam m', w.optimizer?.m ?? w.m], ['Adam v', w.optimizer?.v ?? w.v],
  ];
  for (const [name, arrays] of groups) {
    for (const [i, a] of (arrays ?? []).entries()) {
      for (let j = 0; j < a.length; j++) {
        if (!Number.isFinite(a[j]!)) return `${name} ${i}`;
      }
    }
  }
  return null;
}
