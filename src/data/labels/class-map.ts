import { DataFormatError } from '../../errors';
import type { Logger } from '../../logger';
import type { Dataset } from '../dataset';
import { classCounts, subset } from '../subset';

/** File class id → task class; several file classes may map to one. */
export type ClassMap = Readonly<Record<string, string>>;

/**
 * Relabels a dataset into task classes through a class map. Samples of file classes the map does not
 * name are dropped, and counted in the log. The task classes are the map's values in order of first
 * appearance. Throws DataFormatError for a key that is not one of the file's classes.
 */
export function applyClassMap(dataset: Dataset, classMap: ClassMap, logger?: Logger): Dataset {
  for (const key of Object.keys(classMap)) {
    if (!dataset.classNames.includes(key)) {
      throw new DataFormatError(
        `${dataset.origin}: classMap maps "${key}", which is not a class of the file [${dataset.classNames.join(', ')}]`,
      );
    }
  }
  const taskClasses = [...new Set(Object.values(classMap))];
  const newLabel = dataset.classNames.map((name) =>
    name in classMap ? taskClasses.indexOf(classMap[name]) : -1,
  );
  const kept: number[] = [];
  dataset.labels.forEach((label, index) => {
    if (newLabel[label] >= 0) kept.push(index);
  });
  const counts = classCounts(dataset.labels, dataset.classNames.length);
  const dropped = Object.fromEntries(
    dataset.classNames.flatMap((name, label) =>
      newLabel[label] < 0 && counts[label] > 0 ? [[name, counts[label]]] : [],
    ),
  );
  logger?.info(
    { file: dataset.origin, kept: kept.length, dropped: dataset.n - kept.length, droppedByClass: dropped },
    'class map applied: unmapped classes dropped',
  );
  const selected = subset(dataset, kept);
  return {
    ...selected,
    labels: selected.labels.map((label) => newLabel[label]),
    classNames: taskClasses,
  };
}
