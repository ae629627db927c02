import type { TopLevelSpec } from 'vega-lite';
import type { ConfusionMatrix } from '../classification-metrics';
import type { ScatterPoint } from '../regression-metrics';

/** Vega-Lite specs of the report's charts; data is embedded, so rendering needs no network. */

const FONT = { config: { font: 'sans-serif', view: { stroke: null } } } as const;

function confusionPanel(
  values: readonly Record<string, unknown>[],
  labels: readonly string[],
  mode: 'counts' | 'rates',
): Record<string, unknown> {
  const sort = [...labels];
  return {
    title: { text: mode === 'counts' ? 'counts' : 'rates (row-normalized)', fontSize: 12 },
    data: { values },
    width: 40 * sort.length,
    height: 40 * sort.length,
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort, title: 'predicted', axis: { labelAngle: 0 } },
      y: { field: 'truth', type: 'nominal', sort, title: 'true' },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: {
            field: 'rate',
            type: 'quantitative',
            scale: { scheme: 'blues', domain: [0, 1] },
            legend: null,
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: mode === 'counts' ? 'count' : 'rateText' },
          color: { condition: { test: 'datum.rate > 0.6', value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}

/**
 * Confusion matrix, rows true, columns predicted, twice: counts, and rates with each row divided by
 * its total (so a row reads as where that true class went). Cells are shaded by the rate in both.
 */
export function confusionSpec(confusion: ConfusionMatrix, title: string): TopLevelSpec {
  const values = confusion.labels.flatMap((truth, r) => {
    const total = confusion.counts[r].reduce((a, b) => a + b, 0);
    return confusion.labels.map((predicted, c) => {
      const count = confusion.counts[r][c];
      const rate = total === 0 ? 0 : count / total;
      return { truth, predicted, count, rate, rateText: total === 0 ? '–' : rate.toFixed(2) };
    });
  });
  return {
    ...FONT,
    title,
    hconcat: [
      confusionPanel(values, confusion.labels, 'counts'),
      confusionPanel(values, confusion.labels, 'rates'),
    ],
  } as unknown as TopLevelSpec;
}

/** A threshold drawn on a score histogram. */
export interface ThresholdRule {
  readonly label: string;
  readonly value: number;
}

/**
 * Histograms of one unknown score per true class, with each threshold as a rule (the fixed ρ and the
 * one calibrated on the target's scores), coloured and named in the legend.
 */
export function scoreHistogramSpec(
  values: readonly { truth: string; value: number }[],
  score: string,
  thresholds: readonly ThresholdRule[],
): TopLevelSpec {
  const rules = thresholds.map((t) => ({ threshold: `${t.label} ${t.value.toFixed(3)}`, value: t.value }));
  return {
    ...FONT,
    facet: { row: { field: 'truth', type: 'nominal', title: 'true class' } },
    data: { values: values as unknown as Record<string, unknown>[] },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 420,
      height: 70,
      layer: [
        {
          mark: 'bar',
          encoding: {
            x: { field: 'value', type: 'quantitative', bin: { maxbins: 40 }, title: score },
            y: { aggregate: 'count', type: 'quantitative', title: 'samples' },
          },
        },
        ...rules.map((rule) => ({
          mark: { type: 'rule' as const, strokeWidth: 2, strokeDash: [5, 2] },
          encoding: {
            x: { datum: rule.value, type: 'quantitative' as const },
            color: {
              datum: rule.threshold,
              type: 'nominal' as const,
              title: 'threshold',
              scale: { domain: rules.map((r) => r.threshold), range: ['#d62728', '#1f77b4'] },
              legend: { orient: 'top' as const, labelLimit: 300 },
            },
          },
        })),
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

/** Predicted vs true value, one panel per model (row) and domain (column), with the diagonal. */
export function regressionScatterSpec(
  points: readonly (ScatterPoint & { readonly model: string })[],
  quantity: string,
): TopLevelSpec {
  return {
    ...FONT,
    data: { values: points as unknown as Record<string, unknown>[] },
    facet: {
      row: { field: 'model', type: 'nominal', title: null },
      column: { field: 'domain', type: 'nominal', title: null },
    },
    spec: {
      width: 240,
      height: 240,
      layer: [
        {
          mark: { type: 'circle', size: 12, opacity: 0.5 },
          encoding: {
            x: { field: 'truth', type: 'quantitative', title: `true ${quantity}` },
            y: { field: 'predicted', type: 'quantitative', title: `predicted ${quantity}` },
            color: { field: 'domain', type: 'nominal', legend: null },
          },
        },
        {
          mark: { type: 'line', color: '#888', strokeDash: [4, 3] },
          encoding: {
            x: { field: 'truth', type: 'quantitative' },
            y: { field: 'truth', type: 'quantitative' },
          },
        },
      ],
    },
  };
}

/** A point of the sky plot: a target galaxy, or an anomaly candidate with its group. */
export interface SkyPoint {
  readonly ra: number;
  readonly dec: number;
  /** "target galaxy", or the candidate's group, e.g. "cluster 0". */
  readonly kind: string;
  readonly rank: number | null;
}

/** ra/dec of the target galaxies (grey) with the anomaly candidates on top; ra grows to the left. */
export function skyPlotSpec(points: readonly SkyPoint[], kinds: readonly string[]): TopLevelSpec {
  const background = points.filter((p) => p.rank === null);
  const candidates = points.filter((p) => p.rank !== null);
  const axis = {
    field: 'ra',
    type: 'quantitative',
    title: 'ra (deg)',
    scale: { zero: false, reverse: true },
  } as const;
  const y = { field: 'dec', type: 'quantitative', title: 'dec (deg)', scale: { zero: false } } as const;
  return {
    ...FONT,
    width: 520,
    height: 360,
    layer: [
      {
        data: { values: background as unknown as Record<string, unknown>[] },
        mark: { type: 'circle', size: 10, color: '#bbb', opacity: 0.6 },
        encoding: { x: axis, y },
      },
      {
        data: { values: candidates as unknown as Record<string, unknown>[] },
        mark: { type: 'point', size: 70, filled: false, strokeWidth: 2 },
        encoding: {
          x: axis,
          y,
          color: {
            field: 'kind',
            type: 'nominal',
            title: 'candidates',
            scale: { domain: [...kinds], scheme: 'category10' },
          },
        },
      },
    ],
  };
}
