import { DataFormatError } from '../../errors';
import type { Dataset, Domain } from '../dataset';
import { assertNoEmptyClass, selectClasses } from '../subset';
import { GALAXY10_CLASSES } from '../tasks';

/** What every reader accepts. */
export interface ReadOptions {
  /** Which side of the adaptation the data is on. */
  readonly domain: Domain;
  /**
   * The class list the caller expects, in label order. Where the file names its classes, a different
   * list is an error; where it does not (.npy, an HDF5 file without `class_names`), these name the labels.
   * @default the file's own list; Galaxy10's ten names for an unnamed file with labels 0..9
   */
  readonly classNames?: readonly string[];
  /** The image size the caller expects; any other size is an error. @default any size */
  readonly imageSize?: { readonly height: number; readonly width: number; readonly channels?: number };
  /** Keep only these classes and renumber labels in this order (a domain's class list). @default all */
  readonly selectClasses?: readonly string[];
  /** For `.npy` images: the labels file. @default `labels.npy` beside `images.npy`, else `<stem>_labels.npy` */
  readonly labelsPath?: string;
}

/** What a reader has taken from a file before the checks every format shares. */
export type ReadParts = Omit<Dataset, 'classNames' | 'domain'> & {
  /** The file's own class list, where the format has one. */
  readonly classNames?: readonly string[];
};

/**
 * Resolves class names, checks labels, image size and class list against the options, selects the
 * requested classes, and refuses an empty class. Every error names `parts.origin`.
 */
export function finishDataset(parts: ReadParts, options: ReadOptions): Dataset {
  const file = parts.origin;
  const classNames = resolveClassNames(parts, options);
  assertLabelsInRange(parts.labels, classNames.length, file);
  assertImageSize(parts, options, file);
  const dataset: Dataset = { ...parts, classNames, domain: options.domain };
  if (options.selectClasses) return selectClasses(dataset, options.selectClasses);
  assertNoEmptyClass(dataset);
  return dataset;
}

function resolveClassNames(parts: ReadParts, options: ReadOptions): readonly string[] {
  const expected = options.classNames;
  if (parts.classNames) {
    if (expected && !sameList(parts.classNames, expected)) {
      throw new DataFormatError(
        `${parts.origin}: class list mismatch: the file has [${parts.classNames.join(', ')}], expected [${expected.join(', ')}]`,
      );
    }
    return parts.classNames;
  }
  if (expected) return expected;
  const maxLabel = parts.labels.reduce((max, label) => Math.max(max, label), -1);
  // The public Galaxy10 files carry no class names: labels 0..9 are its ten morphologies.
  if (maxLabel === GALAXY10_CLASSES.length - 1) return [...GALAXY10_CLASSES];
  throw new DataFormatError(
    `${parts.origin}: the file does not name its classes (labels 0..${maxLabel}); pass classNames`,
  );
}

function assertLabelsInRange(labels: Int32Array, classes: number, file: string): void {
  const bad = labels.findIndex((label) => label < 0 || label >= classes);
  if (bad >= 0) {
    throw new DataFormatError(
      `${file}: label out of range: sample ${bad} has label ${labels[bad]}, expected 0..${classes - 1} (${classes} classes)`,
    );
  }
}

function assertImageSize(parts: ReadParts, options: ReadOptions, file: string): void {
  const expected = options.imageSize;
  if (!expected) return;
  const channelsDiffer = expected.channels !== undefined && expected.channels !== parts.channels;
  if (expected.height !== parts.height || expected.width !== parts.width || channelsDiffer) {
    const want = `${expected.height}x${expected.width}${expected.channels ? `x${expected.channels}` : ''}`;
    throw new DataFormatError(
      `${file}: wrong image size: images are ${parts.height}x${parts.width}x${parts.channels}, expected ${want}`,
    );
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}
