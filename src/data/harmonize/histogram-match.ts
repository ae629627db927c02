import type { Dataset } from '../dataset';

const LEVELS = 256;

/** Each channel's cumulative distribution of pixel values over every image: [channels][256], in [0, 1]. */
function cumulativeHistograms(dataset: Dataset): Float64Array[] {
  const { channels, images } = dataset;
  const counts = Array.from({ length: channels }, () => new Float64Array(LEVELS));
  for (let i = 0; i < images.length; i++) counts[i % channels][images[i]]++;
  return counts.map((histogram) => {
    const total = histogram.reduce((sum, count) => sum + count, 0);
    let running = 0;
    return histogram.map((count) => (running += count) / Math.max(total, 1));
  });
}

/**
 * Per-channel lookup tables that give `from`'s pixel values the distribution of `reference`'s
 * (histogram matching, label-free: pixels only): value v, at the middle of its quantile range in
 * `from`, goes to the smallest reference value whose cumulative share reaches that quantile. Monotone,
 * so it undoes a difference in stretch (linear against asinh, a white level, a sky offset) between
 * surveys of similar galaxies, not the galaxies' own differences.
 * @returns [channels] tables of 256 values
 */
export function histogramMatchTables(from: Dataset, reference: Dataset): Uint8Array[] {
  const source = cumulativeHistograms(from);
  const target = cumulativeHistograms(reference);
  return source.map((cdf, channel) => {
    const ref = target[channel];
    const table = new Uint8Array(LEVELS);
    let u = 0;
    for (let v = 0; v < LEVELS; v++) {
      const quantile = ((v > 0 ? cdf[v - 1] : 0) + cdf[v]) / 2;
      while (u < LEVELS - 1 && ref[u] < quantile) u++;
      table[v] = u;
    }
    return table;
  });
}

/** The dataset with every pixel of channel c replaced by tables[c][pixel]; the rest is shared. */
export function withMatchedIntensities(dataset: Dataset, tables: readonly Uint8Array[]): Dataset {
  const { channels, images } = dataset;
  const matched = new Uint8Array(images.length);
  for (let i = 0; i < images.length; i++) matched[i] = tables[i % channels][images[i]];
  return { ...dataset, images: matched };
}
