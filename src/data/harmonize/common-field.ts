import { DataFormatError } from '../../errors';
import { imageSize, type Dataset } from '../dataset';
import { PIXEL_SCALE_COLUMN } from './model-pixel-scale';
import { cropAndResample, sourcePixelsPerOutput } from './resample';

/** Whether the target is brought to the source's field on the sky (`data.commonField`). */
export const COMMON_FIELDS = ['target', 'none'] as const;
export type CommonField = (typeof COMMON_FIELDS)[number];

/**
 * `target` brings the target to the source's field only where the fields differ by more than this
 * factor, either way: a 10 % difference in a galaxy's size in pixels is within the augmentations' zoom.
 */
export const COMMON_FIELD_TOLERANCE = 1.1;

/** What `commonFieldOf` decided, for the training log. */
export interface CommonFieldPlan {
  /** Each survey's median field on the sky (side × arcsec per pixel), where every image has a scale. */
  readonly sourceField?: number;
  readonly targetField?: number;
  /** The source's field in arcsec, where the target is brought to it (withCommonField); absent when not. */
  readonly fieldForTarget?: number;
}

/** The dataset's arcsec per pixel, image by image, where every image has a positive one. */
function knownPixelScales(dataset: Dataset): Float64Array | undefined {
  const scales = dataset.extras?.[PIXEL_SCALE_COLUMN];
  return scales?.every((s) => Number.isFinite(s) && s > 0) ? scales : undefined;
}

function medianField(dataset: Dataset): number | undefined {
  const scales = knownPixelScales(dataset);
  if (!scales || scales.length === 0) return undefined;
  const sorted = Float64Array.from(scales).sort();
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return median * dataset.width;
}

/**
 * Decides whether the target is put on the source's angular grid. A galaxy's size in pixels is its
 * angular size over the pixel scale, and domain-specific batch norm gives the target's features the
 * source's statistics, so a head trained on the source predicts the target's sizes in pixels as if
 * they spanned the source's: a target with coarser pixels is predicted too large (decals → sdss: the
 * same galaxy spans 0.66 × the pixels; 3.5 × the source's MAE), one with finer pixels too small
 * (sdss → decals: bias −0.39″ on the galaxies of the source's classes). With `target`, where both
 * surveys know every image's arcsec per pixel (the `pixel_scale_arcsec` column the simulator and the
 * readers write) and the target's median field differs from the source's by more than
 * COMMON_FIELD_TOLERANCE either way, every target image is brought to the source's field
 * (withCommonField): then one model pixel spans the same arcsec in both. Only the target: the labelled
 * source stays as it was read (measured, bench/science.md, a source cropped to a narrower target made
 * the half-light radius worse on sdss → hsc). Uses pixel scales only, no labels.
 */
export function commonFieldOf(mode: CommonField, source: Dataset, target: Dataset): CommonFieldPlan {
  const sourceField = medianField(source);
  const targetField = medianField(target);
  const fields = {
    ...(sourceField !== undefined && { sourceField }),
    ...(targetField !== undefined && { targetField }),
  };
  if (mode === 'none' || sourceField === undefined || targetField === undefined) return fields;
  const ratio = targetField / sourceField;
  if (ratio <= COMMON_FIELD_TOLERANCE && ratio * COMMON_FIELD_TOLERANCE >= 1) return fields;
  return { ...fields, fieldForTarget: sourceField };
}

/**
 * Each image brought to `fieldArcsec` on the sky by its own arcsec per pixel (the `pixel_scale_arcsec`
 * column), at the dataset's side: a wider one centre-cropped and enlarged, a narrower one shrunk and
 * framed by its own border mirrored (cropAndResample), with the column updated to the new scale. An
 * image already on the field, to the pixel, stays as it is. The rest is shared.
 */
export async function withCommonField(dataset: Dataset, fieldArcsec: number): Promise<Dataset> {
  const scales = knownPixelScales(dataset);
  if (!scales) {
    throw new DataFormatError(
      `${dataset.origin}: bringing it to the source's ${fieldArcsec.toFixed(2)}" field needs each image's arcsec per pixel (a positive '${PIXEL_SCALE_COLUMN}' or 'pxscale'); give one, or set data.commonField to 'none'`,
    );
  }
  const { width: side, height, channels } = dataset;
  const frame = Math.min(side, height);
  const bytes = imageSize(dataset);
  const images = new Uint8Array(dataset.images.length);
  const newScales = Float64Array.from(scales);
  for (let i = 0; i < dataset.n; i++) {
    const pixels = dataset.images.subarray(i * bytes, (i + 1) * bytes);
    const crop = fieldArcsec / scales[i];
    const perOutput = sourcePixelsPerOutput(crop, frame, side);
    if (perOutput === 1) {
      images.set(pixels, i * bytes);
      continue;
    }
    const image = { pixels, height, width: side, channels };
    images.set(await cropAndResample(image, crop, side, 'mirror'), i * bytes);
    newScales[i] = perOutput * scales[i];
  }
  return { ...dataset, images, extras: { ...dataset.extras, [PIXEL_SCALE_COLUMN]: newScales } };
}
