import type { TopLevelSpec } from 'vega-lite';
import type { EmbeddingMap } from '../embedding-map';
import type { Metrics } from '../eval-document';
import { regressionScatter } from '../regression-metrics';
import type { ScoredPredictions } from '../scored-predictions';
import { UNKNOWN, targetDecision } from '../classification-metrics';
import { presentScores, unknownRocCurve } from '../unknown-scores';
import {
  confusionSpec,
  entropyHistogramSpec,
  mapSpec,
  regressionScatterSpec,
  rocSpec,
  trainingCurvesSpec,
} from './chart-specs';
import type { ChartRef } from './report-page';
import type { HistoryPoint } from './training-history';

/** A chart to render: its spec and where its SVG goes, relative to the report folder. */
export interface PlannedChart extends ChartRef {
  readonly spec: TopLevelSpec;
}

export interface PlannedSection {
  readonly title: string;
  readonly charts: PlannedChart[];
  readonly note?: string;
}

function thinned<T>(points: readonly T[], max: number): T[] {
  const stride = Math.max(1, Math.ceil(points.length / max));
  return points.filter((_, i) => i % stride === 0 || i === points.length - 1);
}

function entropyValues(predictions: ScoredPredictions): { truth: string; entropy: number }[] {
  const values: { truth: string; entropy: number }[] = [];
  predictions.domain.forEach((domain, i) => {
    const truth = predictions.trueClass[i];
    if (domain !== 'target' || truth === null) return;
    const label = predictions.classNames.includes(truth) ? truth : `${truth} (${UNKNOWN})`;
    values.push({ truth: label, entropy: predictions.scores.entropy[i] });
  });
  return values;
}

function rocPoints(predictions: ScoredPredictions): { score: string; fpr: number; tpr: number }[] {
  return presentScores(predictions).flatMap((score) =>
    thinned(unknownRocCurve(predictions, score), 300).map((p) => ({
      score,
      fpr: p.falsePositiveRate,
      tpr: p.truePositiveRate,
    })),
  );
}

function mapCharts(predictions: ScoredPredictions, map: EmbeddingMap): PlannedChart[] {
  const at = (j: number) => ({ x: map.coordinates[j][0], y: map.coordinates[j][1] });
  const byPrediction = map.rows.map((row, j) => ({ ...at(j), label: targetDecision(predictions, row) }));
  const byTruth = map.rows.map((row, j) => ({ ...at(j), label: predictions.trueClass[row] ?? 'unlabelled' }));
  const seen = new Set([...byPrediction, ...byTruth].map((p) => p.label));
  const labels = [...predictions.classNames, UNKNOWN, ...[...seen].sort()].filter(
    (l, i, all) => all.indexOf(l) === i,
  );
  return [
    {
      title: 'Coloured by prediction',
      file: 'plots/map-predicted.svg',
      spec: mapSpec(byPrediction, 'prediction', labels),
    },
    { title: 'Coloured by truth', file: 'plots/map-truth.svg', spec: mapSpec(byTruth, 'truth', labels) },
  ];
}

function confusionSection(metrics: readonly (Metrics | null)[]): PlannedSection[] {
  const charts = metrics.flatMap((m) => {
    if (!m?.classification) return [];
    const spec = confusionSpec(m.classification.confusion, m.subject);
    return [{ title: m.subject, file: `plots/confusion-${m.subject}.svg`, spec }];
  });
  return charts.length > 0 ? [{ title: 'Confusion matrices (target)', charts }] : [];
}

function entropySection(predictions: ScoredPredictions): PlannedSection[] {
  const entropies = entropyValues(predictions);
  if (entropies.length === 0) return [];
  const threshold = predictions.unknownThreshold;
  const spec = entropyHistogramSpec(entropies, threshold);
  const caption = `Entropy per true class; red: the unknown threshold ${threshold.toFixed(3)}`;
  return [
    { title: 'Entropy histograms', charts: [{ title: 'Entropy', caption, file: 'plots/entropy.svg', spec }] },
  ];
}

function rocSection(predictions: ScoredPredictions): PlannedSection[] {
  const roc = rocPoints(predictions);
  if (roc.length === 0) return [];
  const chart = { title: 'ROC of the unknown scores', file: 'plots/roc.svg', spec: rocSpec(roc) };
  return [{ title: 'ROC curves (unknown vs shared classes)', charts: [chart] }];
}

function mapSection(predictions: ScoredPredictions, map: EmbeddingMap): PlannedSection[] {
  if (map.rows.length === 0) return [];
  const note = map.subsampled
    ? `The map shows a random ${map.rows.length} of ${map.total} target samples.`
    : undefined;
  return [{ title: '2-D map of the target samples (UMAP)', charts: mapCharts(predictions, map), note }];
}

function regressionSection(predictions: ScoredPredictions): PlannedSection[] {
  const { domain, regressionPredicted: predicted, regressionTrue: truth } = predictions;
  if (!predicted || !truth) return [];
  const spec = regressionScatterSpec(regressionScatter({ domain, predicted, truth }, 3000));
  return [
    { title: 'Regression', charts: [{ title: 'Predicted vs true', file: 'plots/regression.svg', spec }] },
  ];
}

/** The charts of the report, grouped in sections; sections without data are left out. */
export function planReportCharts(input: {
  readonly adapted: ScoredPredictions;
  readonly adaptedMetrics: Metrics;
  readonly baselineMetrics: Metrics | null;
  readonly history: readonly (HistoryPoint & { member: string })[];
  readonly map: EmbeddingMap;
}): PlannedSection[] {
  const { adapted, history } = input;
  const training: PlannedSection[] =
    history.length > 0
      ? [
          {
            title: 'Training curves',
            charts: [
              { title: 'Per-epoch history', file: 'plots/training.svg', spec: trainingCurvesSpec(history) },
            ],
          },
        ]
      : [];
  return [
    ...training,
    ...confusionSection([input.adaptedMetrics, input.baselineMetrics]),
    ...entropySection(adapted),
    ...rocSection(adapted),
    ...mapSection(adapted, input.map),
    ...regressionSection(adapted),
  ];
}
