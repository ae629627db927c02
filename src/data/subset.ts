import { DataFormatError } from '../errors';
import { imageSize, type Dataset } from './dataset';

/**
 * The samples at `indices`, in that order, with their images, labels, coordinates and extras copied.
 * Class names, domain and origin are kept, so labels keep their meaning.
 * @param indices [m] sample indices into `dataset`; repeats are allowed.
 */
export function subset(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const size = imageSize(dataset);
  const images = new Uint8Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (!Number.isInteger(index) || index < 0 || index >= dataset.n) {
      throw new RangeError(`subset index ${index} is outside ${dataset.origin} (n = ${dataset.n})`);
    }
    images.set(dataset.images.subarray(index * size, (index + 1) * size), i * size);
  }
  return {
    ...dataset,
    images,
    n: indices.length,
    labels: Int32Array.from(indices, (index) => dataset.labels[index]),
    ra: dataset.ra && pickRows(dataset.ra, indices),
    dec: dataset.dec && pickRows(dataset.dec, indices),
    redshift: dataset.redshift && pickRows(dataset.redshift, indices),
    extras: dataset.extras && mapValues(dataset.extras, (column) => pickRows(column, indices)),
  };
}

/**
 * Keeps only the samples of the named classes and renumbers labels to follow `classNames`' order.
 * The trainer builds each domain's data from its class list this way (ALGORITHM.md: the DA setting
 * follows from the two lists). Throws DataFormatError, naming the dataset's origin, when a class is
 * not in the dataset or has no samples.
 */
export function selectClasses(dataset: Dataset, classNames: readonly string[]): Dataset {
  const newLabel = new Map<number, number>();
  classNames.forEach((name, position) => {
    const old = dataset.classNames.indexOf(name);
    if (old < 0) {
      throw new DataFormatError(
        `${dataset.origin}: class '${name}' is not in the data's classes [${dataset.classNames.join(', ')}]`,
      );
    }
    newLabel.set(old, position);
  });
  const kept: number[] = [];
  dataset.labels.forEach((label, index) => {
    if (newLabel.has(label)) kept.push(index);
  });
  const selected = subset(dataset, kept);
  const labels = selected.labels.map((label) => newLabel.get(label)!);
  const result: Dataset = { ...selected, labels, classNames: [...classNames] };
  assertNoEmptyClass(result);
  return result;
}

/** Throws DataFormatError naming the first class in the list that has no samples. */
export function assertNoEmptyClass(dataset: Dataset): void {
  const counts = classCounts(dataset.labels, dataset.classNames.length);
  const empty = counts.findIndex((count) => count === 0);
  if (empty >= 0) {
    throw new DataFormatError(
      `${dataset.origin}: class '${dataset.classNames[empty]}' has no samples (an empty class in the class list)`,
    );
  }
}

/** Samples per class. @returns [classes] counts, indexed by label. */
export function classCounts(labels: Int32Array, classes: number): Int32Array {
  const counts = new Int32Array(classes);
  for (const label of labels) counts[label]++;
  return counts;
}

/**
 * The sample indices of each class, each list in the order visited.
 * @param labels [n] class index per sample
 * @param indices [m] the samples to group @default all n
 */
export function samplesByClass(labels: Int32Array, indices?: ArrayLike<number>): Map<number, number[]> {
  const byClass = new Map<number, number[]>();
  const count = indices ? indices.length : labels.length;
  for (let i = 0; i < count; i++) {
    const index = indices ? indices[i] : i;
    const members = byClass.get(labels[index]) ?? [];
    members.push(index);
    byClass.set(labels[index], members);
  }
  return byClass;
}

function pickRows(column: Float64Array, indices: ArrayLike<number>): Float64Array {
  return Float64Array.from(indices, (index) => column[index]);
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, f: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]));
}
