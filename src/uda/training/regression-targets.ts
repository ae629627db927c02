import type { RunConfig } from '../../config/run-config';
import type { Dataset } from '../../data/dataset';
import { PIXEL_SCALE_COLUMN } from '../../data/harmonize/model-pixel-scale';
import { InvalidConfigError } from '../../errors';

/**
 * A continuous quantity to regress, as the model learns it: the quantity itself, or, with `pixelScale`,
 * the quantity divided by each image's pixel scale (a size in pixels, which is what a network can see:
 * surveys of different pixel scales show the same galaxy at different sizes in pixels). Standardized
 * with the source training split's mean and spread of the learned quantity.
 */
export interface RegressionTargets {
  readonly name: string;
  /** The per-sample column the quantity is divided by before it is learned. */
  readonly pixelScale?: string;
  readonly mean: number;
  readonly std: number;
}

/** The per-sample regression quantity of a dataset, in its own units. */
export function regressionColumn(dataset: Dataset, name: string, field = 'regression.target'): Float64Array {
  const column = dataset.extras?.[name];
  if (column === undefined) {
    const known = Object.keys(dataset.extras ?? {});
    throw new InvalidConfigError(
      `${field}: ${dataset.origin} has no per-sample quantity "${name}"; it has ${known.length > 0 ? known.join(', ') : 'none'}`,
    );
  }
  return column;
}

/** The pixel-scale column a regression config asks for, with the default for angular quantities. */
export function pixelScaleColumnOf(regression: NonNullable<RunConfig['regression']>): string | undefined {
  if (regression.pixelScale === false) return undefined;
  return regression.pixelScale ?? (regression.target.endsWith('_arcsec') ? PIXEL_SCALE_COLUMN : undefined);
}

/** Each sample's divisor: its pixel scale, or 1 without one. Refuses a dataset that lacks the column. */
function divisorOf(
  dataset: Dataset,
  targets: Pick<RegressionTargets, 'pixelScale'>,
): (row: number) => number {
  if (targets.pixelScale === undefined) return () => 1;
  const scales = regressionColumn(
    dataset,
    targets.pixelScale,
    'regression.pixelScale (false to learn arcsec)',
  );
  return (row) => scales[row];
}

/** The learned quantity (divided by the pixel scale where one is used) of the given rows, unstandardized. */
function learnedValues(
  dataset: Dataset,
  targets: Pick<RegressionTargets, 'name' | 'pixelScale'>,
  rows: ArrayLike<number>,
): Float64Array {
  const values = regressionColumn(dataset, targets.name);
  const divisor = divisorOf(dataset, targets);
  return Float64Array.from(Array.from(rows), (row) => values[row] / divisor(row));
}

const allRows = (dataset: Dataset): Int32Array => Int32Array.from({ length: dataset.n }, (_, i) => i);

/** The quantity as the model learns it, for every sample; throws where a column is missing. */
export function learnedQuantity(
  dataset: Dataset,
  targets: Pick<RegressionTargets, 'name' | 'pixelScale'>,
): Float64Array {
  return learnedValues(dataset, targets, allRows(dataset));
}

/** Mean and spread of the learned quantity on the source training split. */
export function regressionTargetsFor(
  train: Dataset,
  regression: NonNullable<RunConfig['regression']>,
): RegressionTargets {
  const name = regression.target;
  const pixelScale = pixelScaleColumnOf(regression);
  const column = learnedQuantity(train, { name, pixelScale });
  const mean = column.reduce((sum, value) => sum + value, 0) / column.length;
  const variance = column.reduce((sum, value) => sum + (value - mean) ** 2, 0) / column.length;
  return { name, ...(pixelScale !== undefined && { pixelScale }), mean, std: Math.sqrt(variance) || 1 };
}

/** The standardized training targets of the given rows (every row by default). */
export function standardizedTargets(
  dataset: Dataset,
  targets: RegressionTargets,
  rows: ArrayLike<number> = allRows(dataset),
): Float32Array {
  return Float32Array.from(
    learnedValues(dataset, targets, rows),
    (value) => (value - targets.mean) / targets.std,
  );
}

/** The model's standardized outputs for every sample of `dataset`, in the quantity's own units. */
export function quantityFromOutputs(
  dataset: Dataset,
  targets: RegressionTargets,
  standardized: ArrayLike<number>,
): Float64Array {
  const divisor = divisorOf(dataset, targets);
  return Float64Array.from(
    { length: dataset.n },
    (_, i) => (standardized[i] * targets.std + targets.mean) * divisor(i),
  );
}
