import type { Metrics } from '../eval/eval-document';

type Row = readonly [label: string, pick: (metrics: Metrics) => number | null | undefined];

function bestScoreName(metrics: Metrics) {
  return metrics.classification?.bestScore.name;
}

function bestScoreAuroc(metrics: Metrics): number | null | undefined {
  const best = bestScoreName(metrics);
  return best === undefined ? undefined : metrics.classification?.unknownScores[best]?.auroc;
}

function calibratedOfBest(metrics: Metrics, rule: 'calibrated' | 'calibratedMixture' = 'calibrated') {
  const best = bestScoreName(metrics);
  return best === undefined ? undefined : metrics.classification?.[rule][best];
}

const ROWS: readonly Row[] = [
  ['source test accuracy', (m) => m.classification?.sourceAccuracy],
  ['target closed-set accuracy', (m) => m.classification?.targetClosedSetAccuracy],
  ['target mean per-class accuracy', (m) => m.classification?.meanPerClassAccuracy],
  ['unknown recall, entropy > rho', (m) => m.classification?.unknownRecall],
  ['H-score, entropy > rho', (m) => m.classification?.hScore],
  ['H-score, best score > Otsu', (m) => calibratedOfBest(m)?.hScore],
  ['H-score, best score > mixture', (m) => calibratedOfBest(m, 'calibratedMixture')?.hScore],
  // The steadiest label-free 3-class decision on the benchmark (bench/science.md, run 9).
  ['H-score, rank score > Otsu', (m) => m.classification?.calibrated.rankScore?.hScore],
  ['rho (fixed entropy threshold)', (m) => (m.classification ? m.unknownThreshold : undefined)],
  ['Otsu threshold of best score', (m) => calibratedOfBest(m)?.threshold],
  ['mixture threshold of best score', (m) => calibratedOfBest(m, 'calibratedMixture')?.threshold],
  ['AUROC, entropy', (m) => m.classification?.unknownScores.entropy?.auroc],
  ['AUROC, best score on source', (m) => bestScoreAuroc(m)],
  ['source MAE', (m) => m.regression?.source.mae],
  ['source RMSE', (m) => m.regression?.source.rmse],
  ['source bias', (m) => m.regression?.source.bias],
  ['target MAE', (m) => m.regression?.target.mae],
  ['target RMSE', (m) => m.regression?.target.rmse],
  ['target bias', (m) => m.regression?.target.bias],
  // The target's galaxies of the source's classes: only where the target has labels (else left out).
  ['target MAE, known classes', (m) => m.regression?.targetKnownClasses?.mae],
  ['target bias, known classes', (m) => m.regression?.targetKnownClasses?.bias],
];

function cell(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : value.toFixed(3);
}

function columnTitle(metrics: Metrics): string {
  return `${metrics.role} (${metrics.method ?? metrics.subject})`;
}

/**
 * The headline table a person reads after a run: the adapted ensemble, then each baseline in its own
 * column. Regression runs show errors per domain and no unknown-detection rows (they have none). The
 * best score is named under the table, since it is chosen per column.
 */
export function formatMetricTable(main: Metrics, baselines: readonly Metrics[]): string {
  const columns: Metrics[] = [main, ...baselines];
  const headers = ['metric', ...columns.map(columnTitle)];
  const rows = ROWS.filter(([, pick]) => columns.some((m) => pick(m) !== null && pick(m) !== undefined)).map(
    ([label, pick]) => [label, ...columns.map((m) => cell(pick(m)))],
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const best = columns
    .filter((m) => m.classification)
    .map((m) => `${columnTitle(m)}: ${bestScoreName(m)}`)
    .join(', ');
  const footer = best ? [`best score (chosen on source data): ${best}`] : [];
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...footer].join('\n');
}
