import { InvalidConfigError } from '../errors';
import { augmentImage, type AugmentOptions } from './augment';
import { imageSize, type Dataset } from './dataset';
import { randomInt, shuffleInPlace, type Rng } from './rng';
import { samplesByClass } from './subset';

/** One batch, as plain arrays; src/uda wraps them in tensors. */
export interface Batch {
  /** [batch, height, width, channels] float32 in [0, 1]. */
  readonly images: Float32Array;
  /** [batch] class index per sample (a target batch carries them only for evaluation). */
  readonly labels: Int32Array;
  /** [batch] the samples' indices in the dataset. */
  readonly indices: Int32Array;
}

export interface MakeBatchOptions {
  /** Augment each image (true for the defaults of AugmentOptions). @default false */
  readonly augment?: boolean | AugmentOptions;
  /** Draws the augmentations; required when augment is on. */
  readonly rng?: Rng;
}

export interface EpochOptions extends MakeBatchOptions {
  readonly batchSize: number;
  /** Draws the order (and augmentations): pass the same Rng across epochs so each epoch differs. */
  readonly rng: Rng;
  /** Visit samples in random order. @default true */
  readonly shuffle?: boolean;
  /** Drop the last batch when it is smaller than batchSize, so every step sees the same batch size. @default true */
  readonly dropLast?: boolean;
  /**
   * Sample classes equally often (ALGORITHM.md: class-balanced sampling): each slot picks a class
   * uniformly, then that class's next sample, reshuffling a class once it is used up. An epoch has
   * as many samples as `indices`. @default false
   */
  readonly balanced?: boolean;
}

/**
 * The images at `indices` as float32 in [0, 1], augmented when asked, with their labels.
 * @param indices [batch] sample indices into dataset
 */
export function makeBatch(
  dataset: Dataset,
  indices: ArrayLike<number>,
  options: MakeBatchOptions = {},
): Batch {
  const size = imageSize(dataset);
  const augment = options.augment === true ? {} : options.augment || undefined;
  if (augment && !options.rng) throw new InvalidConfigError('makeBatch: augment needs an rng');
  const images = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (!Number.isInteger(index) || index < 0 || index >= dataset.n) {
      throw new RangeError(`batch index ${index} is outside ${dataset.origin} (n = ${dataset.n})`);
    }
    let pixels = dataset.images.subarray(index * size, (index + 1) * size);
    if (augment) pixels = augmentImage(pixels, dataset, options.rng!, augment);
    const offset = i * size;
    for (let p = 0; p < size; p++) images[offset + p] = pixels[p] / 255;
    labels[i] = dataset.labels[index];
  }
  return { images, labels, indices: Int32Array.from(indices) };
}

/**
 * One epoch over `indices` in batches of `batchSize`.
 * @param indices [m] the samples to visit, e.g. a split's train part
 */
export function* epochBatches(
  dataset: Dataset,
  indices: ArrayLike<number>,
  options: EpochOptions,
): Generator<Batch> {
  const { batchSize, rng, shuffle = true, dropLast = true, balanced = false } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidConfigError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const order = balanced ? balancedOrder(dataset.labels, indices, rng) : Int32Array.from(indices);
  if (shuffle && !balanced) shuffleInPlace(order, rng);
  const count = batchesPerEpoch(order.length, batchSize, dropLast);
  for (let b = 0; b < count; b++) {
    yield makeBatch(dataset, order.subarray(b * batchSize, (b + 1) * batchSize), options);
  }
}

/** How many batches an epoch of `samples` yields. */
export function batchesPerEpoch(samples: number, batchSize: number, dropLast = true): number {
  return dropLast ? Math.floor(samples / batchSize) : Math.ceil(samples / batchSize);
}

/** indices.length samples with classes drawn uniformly, each class's samples in reshuffled rounds. */
function balancedOrder(labels: Int32Array, indices: ArrayLike<number>, rng: Rng): Int32Array {
  const byClass = samplesByClass(labels, indices);
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const queues = classes.map((label) => ({ members: byClass.get(label)!, next: Infinity }));
  const order = new Int32Array(indices.length);
  for (let i = 0; i < order.length; i++) {
    const queue = queues[randomInt(rng, queues.length)];
    if (queue.next >= queue.members.length) {
      shuffleInPlace(queue.members, rng);
      queue.next = 0;
    }
    order[i] = queue.members[queue.next++];
  }
  return order;
}
