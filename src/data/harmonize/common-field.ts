import { DataFormatError } from '../../errors';
import { imageSize, type Dataset } from '../dataset';
import { PIXEL_SCALE_COLUMN } from './model-pixel-scale';
import { cropAndResample } from './resample';

/** Whether the target is brought to the source's field on the sky (`data.commonField`). */
export const COMMON_FIELDS = ['target', 'none'] as const;
export type CommonField = (typeof COMMON_FIELDS)[number];

/**
 * `target` crops the target only where its field is wider than the source's by more than this factor: a
 * 10 % difference in a galaxy's size in pixels is within the augmentations' zoom.
 */
export const COMMON_FIELD_TOLERANCE = 1.1;

/** What `commonFieldOf` decided, for the training log. */
export interface CommonFieldPlan {
  /** Each survey's median field on the sky (side × arcsec per pixel), where every image has a scale. */
  readonly sourceField?: number;
  readonly targetField?: number;
  /** The source's field in arcsec, where the target is cropped to it; absent when it is not. */
  readonly cropTargetTo?: number;
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
 * angular size over the pixel scale, so a target whose pixels are coarser than the source's shows its
 * galaxies smaller than any the network learned (decals → sdss: the same galaxy spans 0.66 × the
 * pixels). With `target`, where both surveys know every image's arcsec per pixel (the
 * `pixel_scale_arcsec` column the simulator and the readers write) and the target's median field is
 * wider than the source's by more than COMMON_FIELD_TOLERANCE, the target is cropped to the source's
 * field (withCommonField): then one model pixel spans the same arcsec in both. Only the target, and only
 * this way: the labelled source stays as it was read, and a field cannot be widened without inventing
 * sky. Measured (bench/science.md), a source cropped to a narrower target field made the half-light
 * radius worse, not better. Uses pixel scales only, no labels.
 */
export function commonFieldOf(mode: CommonField, source: Dataset, target: Dataset): CommonFieldPlan {
  const sourceField = medianField(source);
  const targetField = medianField(target);
  const fields = {
    ...(sourceField !== undefined && { sourceField }),
    ...(targetField !== undefined && { targetField }),
  };
  if (mode === 'none' || sourceField === undefined || targetField === undefined) return fields;
  if (targetField <= COMMON_FIELD_TOLERANCE * sourceField) return fields;
  return { ...fields, cropTargetTo: sourceField };
}

/**
 * Each image centre-cropped to `fieldArcsec` on the sky (its own arcsec per pixel from the
 * `pixel_scale_arcsec` column) and resampled back to the dataset's side, with the column updated to the
 * new scale. An image whose field is already no wider stays as it is. The rest is shared.
 */
export async function withCommonField(dataset: Dataset, fieldArcsec: number): Promise<Dataset> {
  const scales = knownPixelScales(dataset);
  if (!scales) {
    throw new DataFormatError(
      `${dataset.origin}: cropping to the source's ${fieldArcsec.toFixed(2)}" field needs each image's arcsec per pixel (a positive '${PIXEL_SCALE_COLUMN}' or 'pxscale'); give one, or set data.commonField to 'none'`,
    );
  }
  const { width: side, height, channels } = dataset;
  const bytes = imageSize(dataset);
  const images = new Uint8Array(dataset.images.length);
  const newScales = Float64Array.from(scales);
  for (let i = 0; i < dataset.n; i++) {
    const pixels = dataset.images.subarray(i * bytes, (i + 1) * bytes);
    const crop = fieldArcsec / scales[i];
    if (crop >= Math.min(side, height)) {
      images.set(pixels, i * bytes);
      continue;
    }
    images.set(await cropAndResample({ pixels, height, width: side, channels }, crop, side), i * bytes);
    // cropAndResample crops a whole number of pixels.
    newScales[i] = (Math.max(1, Math.round(crop)) * scales[i]) / side;
  }
  return { ...dataset, images, extras: { ...dataset.extras, [PIXEL_SCALE_COLUMN]: newScales } };
}
