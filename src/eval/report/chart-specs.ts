import type { TopLevelSpec } from 'vega-lite';
import type { ConfusionMatrix } from '../classification-metrics';
import type { ScatterPoint } from '../regression-metrics';
import type { HistoryPoint } from './training-history';

/** Vega-Lite specs of the report's charts; data is embedded, so rendering needs no network. */

const FONT = { config: { font: 'sans-serif', view: { stroke: null } } } as const;

/** Training curves: one line per series and member, one panel per series. */
export function trainingCurvesSpec(points: readonly (HistoryPoint & { member: string })[]): TopLevelSpec {
  return {
    ...FONT,
    data: { values: points as unknown as Record<string, unknown>[] },
    facet: { field: 'series', type: 'nominal', title: null },
    columns: 3,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 220,
      height: 140,
      mark: { type: 'line', point: points.length < 200 },
      encoding: {
        x: { field: 'epoch', type: 'quantitative' },
        y: { field: 'value', type: 'quantitative', title: null },
        color: { field: 'member', type: 'nominal' },
      },
    },
  };
}

/** Confusion matrix heat map with counts: rows true, columns predicted. */
export function confusionSpec(confusion: ConfusionMatrix, title: string): TopLevelSpec {
  const values = confusion.labels.flatMap((truth, r) =>
    confusion.labels.map((predicted, c) => ({ truth, predicted, count: confusion.counts[r][c] })),
  );
  const sort = [...confusion.labels];
  return {
    ...FONT,
    title,
    data: { values },
    width: 40 * sort.length,
    height: 40 * sort.length,
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort, title: 'predicted' },
      y: { field: 'truth', type: 'nominal', sort, title: 'true' },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' }, legend: null },
        },
      },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'count', type: 'quantitative' } } },
    ],
  };
}

/** Histograms of entropy per true class, the unknown threshold marked as a red rule. */
export function entropyHistogramSpec(
  values: readonly { truth: string; entropy: number }[],
  threshold: number,
): TopLevelSpec {
  return {
    ...FONT,
    data: { values: values as unknown as Record<string, unknown>[] },
    facet: { row: { field: 'truth', type: 'nominal', title: 'true class' } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 420,
      height: 70,
      layer: [
        {
          mark: 'bar',
          encoding: {
            x: { field: 'entropy', type: 'quantitative', bin: { maxbins: 40 }, title: 'entropy' },
            y: { aggregate: 'count', type: 'quantitative', title: 'samples' },
          },
        },
        { mark: { type: 'rule', color: '#d62728', strokeWidth: 2 }, encoding: { x: { datum: threshold } } },
      ],
    },
  };
}

/** ROC curves of the unknown scores, unknown vs shared-class target samples. */
export function rocSpec(points: readonly { score: string; fpr: number; tpr: number }[]): TopLevelSpec {
  return {
    ...FONT,
    data: { values: points as unknown as Record<string, unknown>[] },
    width: 320,
    height: 320,
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'fpr', type: 'quantitative', title: 'false positive rate', scale: { domain: [0, 1] } },
      y: { field: 'tpr', type: 'quantitative', title: 'true positive rate', scale: { domain: [0, 1] } },
      color: { field: 'score', type: 'nominal', title: 'score' },
      order: { field: 'fpr', type: 'quantitative' },
    },
  };
}

/** The 2-D map of target samples, coloured by a label; `labels` fixes colours across maps. */
export function mapSpec(
  points: readonly { x: number; y: number; label: string }[],
  title: string,
  labels: readonly string[],
): TopLevelSpec {
  return {
    ...FONT,
    title,
    data: { values: points as unknown as Record<string, unknown>[] },
    width: 340,
    height: 340,
    mark: { type: 'circle', size: 12, opacity: 0.7 },
    encoding: {
      x: { field: 'x', type: 'quantitative', axis: null },
      y: { field: 'y', type: 'quantitative', axis: null },
      color: {
        field: 'label',
        type: 'nominal',
        title: null,
        scale: { domain: [...labels], scheme: 'tableau10' },
      },
    },
  };
}

/** Predicted vs true value per domain, with the diagonal. */
export function regressionScatterSpec(points: readonly ScatterPoint[]): TopLevelSpec {
  return {
    ...FONT,
    data: { values: points as unknown as Record<string, unknown>[] },
    facet: { column: { field: 'domain', type: 'nominal', title: null } },
    spec: {
      width: 260,
      height: 260,
      layer: [
        {
          mark: { type: 'circle', size: 10, opacity: 0.5 },
          encoding: {
            x: { field: 'truth', type: 'quantitative', title: 'true' },
            y: { field: 'predicted', type: 'quantitative', title: 'predicted' },
          },
        },
        {
          mark: { type: 'line', color: '#888' },
          encoding: {
            x: { field: 'truth', type: 'quantitative' },
            y: { field: 'truth', type: 'quantitative' },
          },
        },
      ],
    },
  };
}
