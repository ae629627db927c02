import { DataFormatError } from '../../errors';
import type { LabelMapName } from '../labels/label-maps';

/**
 * How a source's images are brought to the model input: a centred square crop, then a resample.
 * - `angular`: the crop spans `fieldArcsec` on the sky, from a per-source `pixelScale` (arcsec per
 *   pixel) or, without one, the file's per-image `pxscale` dataset. Galaxies keep their angular size.
 * - `frame`: the crop is `fraction` of the frame's shorter side, for cutouts scaled to each galaxy's
 *   size (Galaxy Zoo's), which have no fixed pixel scale.
 */
export type Harmonization =
  | { readonly mode: 'angular'; readonly fieldArcsec: number; readonly pixelScale?: number }
  | { readonly mode: 'frame'; readonly fraction: number };

/**
 * Galaxy10 SDSS images are Galaxy Zoo 2 cutouts of 424 px at 0.02 petroR90 per pixel, cropped to the
 * central 207 px and shrunk 3x: the 69 px frame spans 207 x 0.02 = 4.14 petroR90 whatever the galaxy.
 * Galaxy10 DECaLS images are 512 px at 0.262"/px shrunk to 256 (pxscale about 0.524"/px, 134"
 * across). A DECaLS field of 4.14 x the typical petroR90 of Galaxy Zoo galaxies (taken here as 10")
 * therefore puts a typical galaxy at the same size in pixels as in the SDSS frame.
 */
export const TYPICAL_PETRO_R90_ARCSEC = 10;
export const SDSS_FRAME_PETRO_R90 = 207 * 0.02;

/** The harmonization each named label map's file needs unless the data source says otherwise. */
export const HARMONIZATION_PRESETS: Readonly<Record<LabelMapName, Harmonization>> = {
  'galaxy10-decals': { mode: 'angular', fieldArcsec: SDSS_FRAME_PETRO_R90 * TYPICAL_PETRO_R90_ARCSEC },
  'galaxy10-sdss': { mode: 'frame', fraction: 1 },
};

/** The side in source pixels (possibly fractional, possibly wider than the frame) of one image's crop. */
export function cropSide(
  harmonization: Harmonization,
  frameSide: number,
  imagePixelScale: number | undefined,
  origin: string,
): number {
  if (harmonization.mode === 'frame') return harmonization.fraction * frameSide;
  const scale = harmonization.pixelScale ?? imagePixelScale;
  if (scale === undefined || !(scale > 0)) {
    throw new DataFormatError(
      `${origin}: an angular field needs a pixel scale: give the data source's harmonize.pixelScale (arcsec per pixel) or a positive 'pxscale' dataset, got ${scale}`,
    );
  }
  return harmonization.fieldArcsec / scale;
}

/** One line for logs and `data describe`. */
export function describeHarmonization(harmonization: Harmonization | undefined): string {
  if (!harmonization) return 'none (images must already be the model input size)';
  if (harmonization.mode === 'frame')
    return `frame: the central ${Math.round(harmonization.fraction * 100)} % of each frame's side`;
  const scale =
    harmonization.pixelScale !== undefined
      ? `${harmonization.pixelScale}"/px for every image`
      : "each image's 'pxscale'";
  return `angular: a ${harmonization.fieldArcsec.toFixed(1)}" field at ${scale}`;
}
