import type { EvalDocument, Metrics } from '../eval/eval-document';

type Row = readonly [label: string, pick: (metrics: Metrics) => number | null | undefined];

const ROWS: readonly Row[] = [
  ['source test accuracy', (m) => m.classification?.sourceAccuracy],
  ['target closed-set accuracy', (m) => m.classification?.targetClosedSetAccuracy],
  ['target mean per-class accuracy', (m) => m.classification?.meanPerClassAccuracy],
  ['unknown recall', (m) => m.classification?.unknownRecall],
  ['H-score', (m) => m.classification?.hScore],
  ['AUROC, entropy', (m) => m.classification?.unknownScores.entropy?.auroc],
  ['AUROC, best score on source', (m) => bestScoreAuroc(m)],
  ['target MAE', (m) => m.regression?.target.mae],
  ['target RMSE', (m) => m.regression?.target.rmse],
];

function bestScoreAuroc(metrics: Metrics): number | null | undefined {
  const best = metrics.classification?.bestScore.name;
  return best === undefined ? undefined : metrics.classification?.unknownScores[best]?.auroc;
}

function cell(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : value.toFixed(3);
}

/** The headline table a person reads after a run: the adapted ensemble against its source-only baseline. */
export function formatMetricTable(document: EvalDocument): string {
  const columns: Metrics[] = [document.metrics, ...(document.baseline ? [document.baseline] : [])];
  const headers = ['metric', ...columns.map((m) => `${m.role} (${m.method ?? m.subject})`)];
  const rows = ROWS.filter(([, pick]) => columns.some((m) => pick(m) !== null && pick(m) !== undefined)).map(
    ([label, pick]) => [label, ...columns.map((m) => cell(pick(m)))],
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
