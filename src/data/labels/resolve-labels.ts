import { DataFormatError } from '../../errors';
import type { Logger } from '../../logger';
import { detectLabelMap, unnamedClassesError, type FileLayout } from './detect-label-map';
import { LABEL_MAPS, labelMapIds, type LabelMapName } from './label-maps';

export interface LabelChoice {
  /** The data source's `labels` field. */
  readonly labels?: LabelMapName;
  /** The caller's own class list, for a file that does not name its classes. */
  readonly classNames?: readonly string[];
  readonly logger?: Logger;
}

export interface ResolvedLabels {
  /** Class ids in label order. */
  readonly classNames: readonly string[];
  /** The label map in use, named or detected; undefined where the file or caller named the classes. */
  readonly labelMap?: LabelMapName;
}

/**
 * Names a file's labels. A named map (`labels`) wins; a file's own `class_names` must then agree with
 * it (by ids or published names). Else the file's `class_names`, else the caller's list, else the map
 * whose published layout the file has (logged), else a one-line refusal listing the maps.
 */
export function resolveLabels(
  fileClassNames: readonly string[] | undefined,
  layout: FileLayout,
  choice: LabelChoice,
  origin: string,
): ResolvedLabels {
  if (choice.labels) {
    const ids = labelMapIds(choice.labels);
    const names = LABEL_MAPS[choice.labels].classes.map((entry) => entry.name);
    if (fileClassNames && !sameList(fileClassNames, ids) && !sameList(fileClassNames, names)) {
      throw new DataFormatError(
        `${origin}: the file's class_names [${fileClassNames.join(', ')}] are not the classes of label map "${choice.labels}" [${ids.join(', ')}]`,
      );
    }
    return { classNames: ids, labelMap: choice.labels };
  }
  if (fileClassNames) {
    if (choice.classNames && !sameList(fileClassNames, choice.classNames)) {
      throw new DataFormatError(
        `${origin}: class list mismatch: the file has [${fileClassNames.join(', ')}], expected [${choice.classNames.join(', ')}]`,
      );
    }
    return { classNames: fileClassNames };
  }
  if (choice.classNames) return { classNames: choice.classNames };
  const detected = detectLabelMap(layout);
  if (!detected) throw unnamedClassesError(origin, layout);
  choice.logger?.info(
    { file: origin, labels: detected, title: LABEL_MAPS[detected].title },
    'label map detected from the file layout',
  );
  return { classNames: labelMapIds(detected), labelMap: detected };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}
