import { DataFormatError } from '../../errors';
import { LABEL_MAP_NAMES, LABEL_MAPS, type LabelMapName } from './label-maps';

/** What a reader knows of a file before reading its pixels. */
export interface FileLayout {
  /** Every dataset name in the file. */
  readonly datasets: readonly string[];
  /** `images` shape: [N, H, W, C] or [N, H, W]. */
  readonly imageShape: readonly number[];
  /** The largest label in `ans`. */
  readonly maxLabel: number;
}

/**
 * The published layouts, each unambiguous: Galaxy10 DECaLS has 256x256x3 images and a per-image
 * `pxscale`; Galaxy10 SDSS has 69x69x3 images and no `pxscale`. Both have labels 0..9.
 */
const LAYOUTS: Readonly<Record<LabelMapName, (layout: FileLayout) => boolean>> = {
  'galaxy10-decals': (layout) => isImageShape(layout, 256) && layout.datasets.includes('pxscale'),
  'galaxy10-sdss': (layout) => isImageShape(layout, 69) && !layout.datasets.includes('pxscale'),
};

function isImageShape(layout: FileLayout, side: number): boolean {
  const [, height, width, channels] = layout.imageShape;
  return height === side && width === side && channels === 3 && layout.maxLabel <= 9;
}

/** The label map whose published layout the file has, or undefined where none (or more than one) fits. */
export function detectLabelMap(layout: FileLayout): LabelMapName | undefined {
  const matches = LABEL_MAP_NAMES.filter((name) => LAYOUTS[name](layout));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The one-line refusal for a file that names no classes and matches no published layout. */
export function unnamedClassesError(origin: string, layout: FileLayout): DataFormatError {
  const choices = LABEL_MAP_NAMES.map((name) => `"${name}" (${LABEL_MAPS[name].title})`).join(', ');
  return new DataFormatError(
    `${origin}: the file does not name its classes (no 'class_names', labels 0..${layout.maxLabel}, images [${layout.imageShape.join(', ')}]) and matches no published layout; set the data source's "labels" to one of ${choices}, or "classNames"`,
  );
}
