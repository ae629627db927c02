import type * as H5 from 'h5wasm';
import { HARMONIZATION_PRESETS, describeHarmonization, type Harmonization } from '../harmonize/harmonization';
import type { ClassMap } from '../labels/class-map';
import { LABEL_MAPS, type LabelMapName } from '../labels/label-maps';
import { resolveLabels } from '../labels/resolve-labels';
import { assertHdf5File } from '../readers/hdf5-header';
import {
  dtypeName,
  imageShape,
  optionalColumn,
  readClassNames,
  readLabels,
  requireDataset,
} from '../readers/hdf5-datasets';
import { loadH5wasm } from '../readers/h5wasm-module';
import { openFile } from '../readers/galaxy10-hdf5';
import type { Logger } from '../../logger';

/** What a data source says about a file, as `data describe` takes it from a config. */
export interface DescribeChoice {
  readonly labels?: LabelMapName;
  readonly classMap?: ClassMap;
  readonly harmonize?: Harmonization;
  /** The domain's class list in the config. */
  readonly classes?: readonly string[];
  readonly logger?: Logger;
}

export interface ClassLine {
  readonly label: number;
  readonly id: string;
  /** The published name, where a label map names the classes. */
  readonly name?: string;
  readonly count: number;
  /** The task class the config maps it to; undefined: dropped (or no config). */
  readonly mapsTo?: string;
}

export interface FileDescription {
  readonly path: string;
  readonly datasets: readonly { name: string; shape: readonly number[]; dtype: string }[];
  /** How the classes are named: a label map (named or detected) or the file's own list. */
  readonly labels: string;
  readonly harmonization: string;
  readonly pixelScale?: { min: number; median: number; max: number };
  readonly classes: readonly ClassLine[];
  /** The config's class list for this domain, in its order. */
  readonly taskClasses?: readonly string[];
}

/**
 * Describes a Galaxy10-style HDF5 file without reading its pixels: datasets with shapes and dtypes,
 * the label map in use, the harmonization it would get, its pixel scales, and each class's count and
 * (with a config's choice) the task class it maps to.
 */
export async function describeHdf5(path: string, choice: DescribeChoice): Promise<FileDescription> {
  await assertHdf5File(path);
  const file = openFile(await loadH5wasm(), path);
  try {
    const datasets = file.keys().flatMap((name) => {
      const entry = file.get(name);
      if (!entry || !('shape' in entry)) return [];
      const dataset = entry as H5.Dataset;
      return [{ name, shape: dataset.shape, dtype: dtypeName(dataset.metadata) }];
    });
    const shape = imageShape(requireDataset(file, 'images', path), path);
    const labels = readLabels(requireDataset(file, 'ans', path), path);
    const maxLabel = labels.reduce((max, label) => Math.max(max, label), -1);
    const layout = { datasets: file.keys(), imageShape: shape, maxLabel };
    const resolved = resolveLabels(readClassNames(file, path), layout, choice, path);
    const scales = optionalColumn(file, 'pxscale', shape[0], path);
    const harmonization =
      choice.harmonize ?? (resolved.labelMap ? HARMONIZATION_PRESETS[resolved.labelMap] : undefined);
    const counts = new Array<number>(resolved.classNames.length).fill(0);
    for (const label of labels) counts[label]++;
    return {
      path,
      datasets,
      labels: resolved.labelMap
        ? `label map "${resolved.labelMap}" (${LABEL_MAPS[resolved.labelMap].title})${choice.labels ? '' : ', detected from the layout'}`
        : "the file's class_names",
      harmonization: describeHarmonization(harmonization),
      ...(scales && { pixelScale: summary(scales) }),
      taskClasses: choice.classes,
      classes: resolved.classNames.map((id, label) => ({
        label,
        id,
        name: resolved.labelMap ? LABEL_MAPS[resolved.labelMap].classes[label].name : undefined,
        count: counts[label],
        mapsTo: mapsTo(id, choice),
      })),
    };
  } finally {
    file.close();
  }
}

function mapsTo(id: string, choice: DescribeChoice): string | undefined {
  const task = choice.classMap ? choice.classMap[id] : id;
  if (task === undefined || !choice.classes) return undefined;
  return choice.classes.includes(task) ? task : undefined;
}

function summary(values: Float64Array) {
  const sorted = Float64Array.from(values).sort();
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

/** The description as the lines `data describe` prints. */
export function formatDescription(description: FileDescription, withConfig: boolean): string[] {
  const lines = [`${description.path}`];
  lines.push('datasets:');
  for (const d of description.datasets)
    lines.push(`  ${d.name.padEnd(12)} ${d.dtype.padEnd(8)} [${d.shape.join(', ')}]`);
  lines.push(`labels: ${description.labels}`);
  const scale = description.pixelScale;
  if (scale)
    lines.push(
      `pxscale: ${scale.min.toFixed(3)} .. ${scale.max.toFixed(3)} arcsec/px (median ${scale.median.toFixed(3)})`,
    );
  lines.push(`harmonization: ${description.harmonization}`);
  lines.push('classes (label, id, published name, count' + (withConfig ? ', → task class' : '') + '):');
  for (const c of description.classes) {
    const task = withConfig ? `  → ${c.mapsTo ?? '(dropped)'}` : '';
    lines.push(
      `  ${String(c.label).padStart(2)}  ${c.id.padEnd(24)} ${(c.name ?? '').padEnd(30)} ${String(c.count).padStart(6)}${task}`,
    );
  }
  if (withConfig) {
    const kept = new Map<string, number>();
    let dropped = 0;
    for (const c of description.classes) {
      if (c.mapsTo) kept.set(c.mapsTo, (kept.get(c.mapsTo) ?? 0) + c.count);
      else dropped += c.count;
    }
    const order = description.taskClasses ?? [...kept.keys()];
    const parts = order.map((name) => `${name} ${kept.get(name) ?? 0}`);
    lines.push(`the config selects: ${parts.join(', ') || 'nothing'}; drops ${dropped}`);
  }
  return lines;
}
