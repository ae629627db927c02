/** Which side of the adaptation a dataset is on: labelled source survey or unlabelled target survey. */
export type Domain = 'source' | 'target';

/**
 * One survey's images, in memory. Every reader (HDF5, .npy, image folders) and the simulator return this.
 * Images are uint8 HWC, packed row-major as [n, height, width, channels].
 */
export interface Dataset {
  /** [n, height, width, channels] uint8, row-major. */
  readonly images: Uint8Array;
  readonly n: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** [n] class index into classNames. */
  readonly labels: Int32Array;
  readonly classNames: readonly string[];
  readonly domain: Domain;
  /** Sky coordinates in degrees, where the survey gives them. */
  readonly ra?: Float64Array;
  readonly dec?: Float64Array;
  readonly redshift?: Float64Array;
  /** Extra per-sample quantities, e.g. the simulator's true physical parameters: name → [n]. */
  readonly extras?: Readonly<Record<string, Float64Array>>;
  /** Where the data came from, for error messages and summaries. */
  readonly origin: string;
}

/** Bytes of one image in a dataset. */
export function imageSize(dataset: Pick<Dataset, 'height' | 'width' | 'channels'>): number {
  return dataset.height * dataset.width * dataset.channels;
}
