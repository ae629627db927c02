import type { TopLevelSpec } from 'vega-lite';
import type { EmbeddingMap } from '../embedding-map';
import type { Metrics } from '../eval-document';
import { regressionScatter } from '../regression-metrics';
import { defaultScoreName, type ScoredPredictions, type UnknownScoreName } from '../scored-predictions';
import { UNKNOWN, targetDecision } from '../classification-metrics';
import { presentScores, unknownRocCurve } from '../unknown-scores';
import {
  confusionSpec,
  mapSpec,
  regressionScatterSpec,
  rocSpec,
  scoreHistogramSpec,
  type ThresholdRule,
} from './chart-specs';
import type { ChartRef } from './report-page';
import { memberTrainingSpec } from './training-chart-spec';
import type { TrainingHistory } from './training-history';
import { NO_EPOCH_KEPT_REASON } from '../../run/training-history';

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

function scoreValues(
  predictions: ScoredPredictions,
  score: UnknownScoreName,
): { truth: string; value: number }[] {
  const values: { truth: string; value: number }[] = [];
  const scores = predictions.scores[score];
  if (!scores) return values;
  predictions.domain.forEach((domain, i) => {
    if (domain !== 'target') return;
    const truth = predictions.trueClass[i];
    const label =
      truth === null
        ? 'unlabelled'
        : predictions.classNames.includes(truth)
          ? truth
          : `${truth} (${UNKNOWN})`;
    values.push({ truth: label, value: scores[i] });
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

/** A model the report compares: the adapted ensemble or one baseline. */
export interface ComparedModel {
  readonly title: string;
  /** File-name-safe name, e.g. "ensemble", "source-only". */
  readonly slug: string;
  readonly metrics: Metrics;
  readonly predictions: ScoredPredictions;
}

function confusionSection(models: readonly ComparedModel[]): PlannedSection[] {
  const charts = models.flatMap(({ title, slug, metrics }) => {
    const confusion = metrics.classification?.confusion;
    if (!confusion) return [];
    const caption = `${title}: counts, and rates (each row divided by its total)`;
    return [{ title, caption, file: `plots/confusion-${slug}.svg`, spec: confusionSpec(confusion, title) }];
  });
  const note =
    'Rows: true class; columns: the decision (entropy, or an ensemble\'s mean member entropy, above the fixed ρ is "unknown").';
  return charts.length > 0 ? [{ title: 'Confusion matrices (target)', charts, note }] : [];
}

function histogramChart(model: ComparedModel, score: UnknownScoreName): PlannedChart[] {
  const values = scoreValues(model.predictions, score);
  const classification = model.metrics.classification;
  if (values.length === 0) return [];
  const calibrated = (label: string, value: number | null | undefined): ThresholdRule[] =>
    value === null || value === undefined ? [] : [{ label, value }];
  const fixedScore = defaultScoreName(model.predictions);
  const thresholds: ThresholdRule[] = [
    ...(score === fixedScore ? [{ label: 'fixed ρ', value: model.metrics.unknownThreshold }] : []),
    ...calibrated('calibrated (Otsu)', classification?.calibrated[score]?.threshold),
    ...calibrated('calibrated (mixture)', classification?.calibratedMixture[score]?.threshold),
  ];
  const said = thresholds.map((t) => `${t.label} ${t.value.toFixed(3)}`).join(', ');
  return [
    {
      title: `${model.title}: ${score}`,
      caption: `${model.title}: ${score} of target samples per true class; thresholds: ${said || 'none'}`,
      file: `plots/histogram-${model.slug}-${score}.svg`,
      spec: scoreHistogramSpec(values, score, thresholds),
    },
  ];
}

function histogramSection(main: ComparedModel): PlannedSection[] {
  const best = main.metrics.classification?.bestScore.name;
  if (!best) return [];
  const scores: UnknownScoreName[] = best === 'entropy' ? ['entropy'] : ['entropy', best];
  const charts = scores.flatMap((score) => histogramChart(main, score));
  return charts.length > 0 ? [{ title: 'Score histograms', charts }] : [];
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

function regressionSection(models: readonly ComparedModel[], quantity: string): PlannedSection[] {
  const points = models.flatMap(({ title, predictions }) => {
    const { domain, regressionPredicted: predicted, regressionTrue: truth } = predictions;
    if (!predicted || !truth) return [];
    return regressionScatter({ domain, predicted, truth }, 2000).map((p) => ({ ...p, model: title }));
  });
  if (points.length === 0) return [];
  const spec = regressionScatterSpec(points, quantity);
  const chart = { title: 'Predicted vs true, per domain', file: 'plots/regression.svg', spec };
  return [{ title: 'Regression: predicted vs true', charts: [chart] }];
}

function trainingSection(histories: readonly TrainingHistory[]): PlannedSection[] {
  const charts = histories.map((history) => ({
    title: `member ${history.name} (${history.method})`,
    caption:
      `member ${history.name} (${history.method}): ` +
      (history.bestEpoch >= 0
        ? `kept epoch ${history.bestEpoch + 1} of ${history.epochs.length} by ${history.monitor}`
        : `no epoch of ${history.epochs.length} kept by ${history.monitor} (${NO_EPOCH_KEPT_REASON}): the final weights`) +
      `; stopped by ${history.stopReason === 'early-stopping' ? 'early stopping' : 'the epoch budget'}` +
      `; dashed rules: learning-rate steps`,
    file: `plots/training-${history.name}.svg`,
    spec: memberTrainingSpec(history),
  }));
  return charts.length > 0 ? [{ title: 'Training curves', charts }] : [];
}

/** The charts of the report, grouped in sections; sections without data are left out. */
export function planReportCharts(input: {
  /** The adapted ensemble first, then each baseline. */
  readonly models: readonly ComparedModel[];
  readonly histories: readonly TrainingHistory[];
  readonly map: EmbeddingMap;
  /** Regression runs: the predicted quantity's name. */
  readonly regressionQuantity?: string;
}): PlannedSection[] {
  const [main] = input.models;
  const regression = main.predictions.regressionPredicted !== undefined;
  return [
    ...trainingSection(input.histories),
    ...(regression
      ? regressionSection(input.models, input.regressionQuantity ?? 'value')
      : [
          ...confusionSection(input.models),
          ...histogramSection(main),
          ...rocSection(main.predictions),
          ...mapSection(main.predictions, input.map),
        ]),
  ];
}
