/**
 * What the reader is pointing at, shared by every view of one model: the selected test digit,
 * the latent point the sliders decode, a drawn digit. UI state only; never training state.
 */
export interface DrawnDigit {
  /** 784 intensities in [0, 1]. */
  pixels: Float32Array;
}

export interface ViewState {
  /** Index into the lab's test subset, or null. */
  selectedIndex: number | null;
  /**
   * The reader's pick among all 10,000 test digits (the URL's ?digit), or null. Row i of the
   * test subset is test digit i, so a pick inside the subset is also the selection.
   */
  pickedDigit: number | null;
  /** The latent point the sliders and the 2-D pad decode (length = latent size). */
  z: number[];
  /** A digit the reader drew, encoded by the current model wherever it is shown. */
  drawn: DrawnDigit | null;
  /** CVAE: the class chosen for generation. */
  cvaeClass: number;
  /** Latent map axes for latent size > 2. */
  mapDims: [number, number];
}

export function initialViewState(latentDim: number): ViewState {
  return { selectedIndex: null, pickedDigit: null, z: new Array<number>(latentDim).fill(0), drawn: null, cvaeClass: 0, mapDims: [0, 1] };
}
