import type { Harmonization } from './harmonization';

/**
 * The per-sample column giving each model-input image's arcsec per pixel, as the simulator and the
 * readers write it. An angular regression quantity (a name ending in `_arcsec`) is learned in pixels by
 * dividing by it.
 */
export const PIXEL_SCALE_COLUMN = 'pixel_scale_arcsec';

/**
 * Each model-input image's arcsec per pixel, where the read knows it:
 * - not resampled: the file's `pxscale` dataset, else the file's own `pixel_scale_arcsec` column;
 * - an angular field: the field over the output side, the same for every image;
 * - a frame fraction: unknown (cutouts scaled to each galaxy have no fixed scale), so undefined, and
 *   a `pixel_scale_arcsec` column the file had, which described the images before the resample, is dropped.
 */
export function modelPixelScales(
  harmonization: Harmonization | 'none',
  n: number,
  outputSide: number,
  filePixelScales: Float64Array | undefined,
  fileColumn: Float64Array | undefined,
): Float64Array | undefined {
  if (harmonization === 'none') return filePixelScales ?? fileColumn;
  if (harmonization.mode === 'frame') return undefined;
  return new Float64Array(n).fill(harmonization.fieldArcsec / outputSide);
}
