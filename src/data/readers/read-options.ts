import { DataFormatError } from '../../errors';
import type { Logger } from '../../logger';
import type { Dataset, Domain } from '../dataset';
import { describeHarmonization, HARMONIZATION_PRESETS, type Harmonization } from '../harmonize/harmonization';
import { harmonizeBlock } from '../harmonize/harmonize-images';
import { modelPixelScales, PIXEL_SCALE_COLUMN } from '../harmonize/model-pixel-scale';
import { applyClassMap, type ClassMap } from '../labels/class-map';
import type { FileLayout } from '../labels/detect-label-map';
import type { LabelMapName } from '../labels/label-maps';
import { resolveLabels, type ResolvedLabels } from '../labels/resolve-labels';
import { assertNoEmptyClass, selectClasses } from '../subset';

/** What every reader accepts. */
export interface ReadOptions {
  /** Which side of the adaptation the data is on. */
  readonly domain: Domain;
  /** Names the source in messages, e.g. `data.target`. @default the file alone */
  readonly sourceName?: string;
  /**
   * The class list the caller expects, in label order. Where the file names its classes, a different
   * list is an error; where it does not (.npy, an HDF5 file without `class_names`), these name the labels.
   * @default the file's own list, else the label map (named or detected)
   */
  readonly classNames?: readonly string[];
  /** A named label map for a file that does not name its classes (label-maps.ts). @default detected */
  readonly labels?: LabelMapName;
  /** File classes → task classes, applied before `selectClasses`; unmapped classes are dropped. */
  readonly classMap?: ClassMap;
  /** Crop and resample to `imageSize` this way. @default the label map's preset, else none */
  readonly harmonize?: Harmonization;
  /** The model input: images are harmonized to it, and any other size is an error. @default any size */
  readonly imageSize?: { readonly height: number; readonly width: number; readonly channels?: number };
  /** Keep only these classes and renumber labels in this order (a domain's class list). @default all */
  readonly selectClasses?: readonly string[];
  /** For `.npy` images: the labels file. @default `labels.npy` beside `images.npy`, else `<stem>_labels.npy` */
  readonly labelsPath?: string;
  /** Where detected label maps and dropped classes are logged. @default silent */
  readonly logger?: Logger;
}

/** What a reader has taken from a file before the checks every format shares. */
export type ReadParts = Omit<Dataset, 'classNames' | 'domain'> & {
  /** The file's own class list, where the format has one. */
  readonly classNames?: readonly string[];
  /** Labels the reader has already resolved (it needed the label map to harmonize while reading). */
  readonly resolvedLabels?: ResolvedLabels;
  /** The harmonization the reader already applied while reading; undefined: not harmonized yet. */
  readonly harmonized?: Harmonization | 'none';
  /** [n] arcsec per pixel, from a `pxscale` dataset. */
  readonly pixelScales?: Float64Array;
  /** Dataset names of the file, for label-map detection. */
  readonly datasets?: readonly string[];
};

/** The harmonization a source gets: its own, else its label map's preset, else none. */
export function harmonizationFor(
  options: Pick<ReadOptions, 'harmonize' | 'imageSize'>,
  labelMap: LabelMapName | undefined,
): Harmonization | undefined {
  if (!options.imageSize) return undefined;
  return options.harmonize ?? (labelMap ? HARMONIZATION_PRESETS[labelMap] : undefined);
}

/** The file's layout as label-map detection sees it. */
export function layoutOf(
  parts: Pick<ReadParts, 'n' | 'height' | 'width' | 'channels' | 'labels' | 'datasets'>,
): FileLayout {
  const maxLabel = parts.labels.reduce((max, label) => Math.max(max, label), -1);
  return {
    datasets: parts.datasets ?? [],
    imageShape: [parts.n, parts.height, parts.width, parts.channels],
    maxLabel,
  };
}

/**
 * Resolves class names (label maps), harmonizes images to the model input, checks labels and the
 * image size against it, applies the class map, selects the requested classes, and refuses an empty
 * class. Every error names the source.
 */
export async function finishDataset(parts: ReadParts, options: ReadOptions): Promise<Dataset> {
  const origin = parts.origin;
  const labels = parts.resolvedLabels ?? resolveLabels(parts.classNames, layoutOf(parts), options, origin);
  assertLabelsInRange(parts.labels, labels.classNames.length, origin);
  const harmonization = parts.harmonized ?? harmonizationFor(options, labels.labelMap) ?? 'none';
  const images = parts.harmonized === undefined ? await harmonizeParts(parts, harmonization, options) : parts;
  assertImageSize(images, options, harmonization);
  const {
    pixelScales,
    datasets: _datasets,
    resolvedLabels: _labels,
    harmonized: _h,
    extras: fileExtras,
    ...rest
  } = images as ReadParts;
  const { [PIXEL_SCALE_COLUMN]: fileColumn, ...otherExtras } = fileExtras ?? {};
  const scales = modelPixelScales(harmonization, rest.n, rest.height, pixelScales, fileColumn);
  const extras = scales ? { ...otherExtras, [PIXEL_SCALE_COLUMN]: scales } : otherExtras;
  let dataset: Dataset = {
    ...rest,
    ...(Object.keys(extras).length > 0 && { extras }),
    classNames: labels.classNames,
    domain: options.domain,
  };
  if (options.classMap) dataset = applyClassMap(dataset, options.classMap, options.logger);
  if (options.selectClasses) return selectClasses(dataset, options.selectClasses);
  assertNoEmptyClass(dataset);
  return dataset;
}

async function harmonizeParts(
  parts: ReadParts,
  harmonization: Harmonization | 'none',
  options: ReadOptions,
): Promise<ReadParts> {
  if (harmonization === 'none' || !options.imageSize) return parts;
  const side = options.imageSize.height;
  const block = { ...parts, pixels: parts.images, pixelScales: parts.pixelScales };
  const images = await harmonizeBlock(block, harmonization, side, parts.origin);
  return { ...parts, images, height: side, width: side };
}

function assertLabelsInRange(labels: Int32Array, classes: number, file: string): void {
  const bad = labels.findIndex((label) => label < 0 || label >= classes);
  if (bad >= 0) {
    throw new DataFormatError(
      `${file}: label out of range: sample ${bad} has label ${labels[bad]}, expected 0..${classes - 1} (${classes} classes)`,
    );
  }
}

/** The check that always runs: after harmonization, the images are the model input. */
function assertImageSize(
  parts: Pick<ReadParts, 'height' | 'width' | 'channels' | 'origin'>,
  options: ReadOptions,
  harmonization: Harmonization | 'none',
): void {
  const expected = options.imageSize;
  if (!expected) return;
  const channelsDiffer = expected.channels !== undefined && expected.channels !== parts.channels;
  if (expected.height === parts.height && expected.width === parts.width && !channelsDiffer) return;
  const want = `${expected.height}x${expected.width}${expected.channels ? `x${expected.channels}` : ''}`;
  const source = options.sourceName ? `${options.sourceName} (${parts.origin})` : parts.origin;
  const how = harmonization === 'none' ? undefined : harmonization;
  const fix = channelsDiffer
    ? 'every source must have the same channels'
    : 'set its "harmonize" (angular field or frame fraction) or "labels" to a Galaxy10 map';
  throw new DataFormatError(
    `${source}: wrong image size: images are ${parts.height}x${parts.width}x${parts.channels} after harmonization (${how ? describeHarmonization(how) : 'none'}), the model input is ${want}; ${fix}`,
  );
}
