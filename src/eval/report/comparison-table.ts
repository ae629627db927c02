import type { Metrics } from '../eval-document';
import type { UnknownScoreName } from '../scored-predictions';
import { escapeHtml } from './html';

/** Which way a metric improves: up, down, or toward zero (a bias). */
type Better = 'higher' | 'lower' | 'zero';

interface MetricRow {
  readonly label: string;
  readonly read: (m: Metrics) => number | null | undefined;
  readonly better: Better;
}

interface RowGroup {
  readonly title: string;
  readonly rows: readonly MetricRow[];
}

/** One column of the comparison: the adapted ensemble or one baseline. */
export interface ComparisonColumn {
  readonly title: string;
  readonly metrics: Metrics;
}

export interface ComparisonModel {
  readonly columns: readonly ComparisonColumn[];
  /** The column the signed differences are taken against (source-only), if the run has it. */
  readonly reference: ComparisonColumn | null;
  /** Each member of the adapted ensemble on its own, for the spread column (two or more). */
  readonly members: readonly Metrics[];
  readonly scoreNames: readonly UnknownScoreName[];
}

const c = (m: Metrics) => m.classification;

function rowGroups(scoreNames: readonly UnknownScoreName[]): RowGroup[] {
  const perScore = (
    label: string,
    read: (m: Metrics, s: UnknownScoreName) => number | null | undefined,
    better: Better,
  ) => scoreNames.map((s): MetricRow => ({ label: `${label} ${s}`, read: (m) => read(m, s), better }));
  return [
    {
      title: 'Closed set',
      rows: [
        { label: 'Source test accuracy', read: (m) => c(m)?.sourceAccuracy, better: 'higher' },
        { label: 'Target closed-set accuracy', read: (m) => c(m)?.targetClosedSetAccuracy, better: 'higher' },
        { label: 'Mean per-class accuracy', read: (m) => c(m)?.meanPerClassAccuracy, better: 'higher' },
      ],
    },
    {
      title: 'Unknown decision at the fixed ρ (entropy; an ensemble: its members’ mean entropy)',
      rows: [
        { label: 'ρ', read: (m) => (c(m) ? m.unknownThreshold : undefined), better: 'zero' },
        { label: 'Known accuracy (shared classes)', read: (m) => c(m)?.knownAccuracy, better: 'higher' },
        { label: 'Unknown recall', read: (m) => c(m)?.unknownRecall, better: 'higher' },
        { label: 'H-score', read: (m) => c(m)?.hScore, better: 'higher' },
      ],
    },
    {
      title: "Unknown decision at a threshold calibrated on the target's scores (Otsu)",
      rows: [
        ...perScore('Threshold,', (m, s) => c(m)?.calibrated[s]?.threshold, 'zero'),
        ...perScore('H-score,', (m, s) => c(m)?.calibrated[s]?.hScore, 'higher'),
      ],
    },
    {
      title: "Unknown decision at a two-Gaussian mixture's threshold on the target's scores",
      rows: [
        ...perScore('Threshold,', (m, s) => c(m)?.calibratedMixture[s]?.threshold, 'zero'),
        ...perScore('H-score,', (m, s) => c(m)?.calibratedMixture[s]?.hScore, 'higher'),
      ],
    },
    {
      title: 'Ranking of unknowns',
      rows: [
        ...perScore('AUROC', (m, s) => c(m)?.unknownScores[s]?.auroc, 'higher'),
        ...perScore('AUPR', (m, s) => c(m)?.unknownScores[s]?.aupr, 'higher'),
      ],
    },
    {
      title: 'Clustering of predicted unknowns',
      rows: [
        { label: 'Cluster purity', read: (m) => m.clustering?.purity, better: 'higher' },
        { label: 'Cluster NMI', read: (m) => m.clustering?.nmi, better: 'higher' },
      ],
    },
    {
      title: 'Regression',
      rows: [
        ...(['source', 'target'] as const).flatMap((domain): MetricRow[] => [
          { label: `MAE ${domain}`, read: (m) => m.regression?.[domain].mae, better: 'lower' },
          { label: `RMSE ${domain}`, read: (m) => m.regression?.[domain].rmse, better: 'lower' },
          { label: `Bias ${domain}`, read: (m) => m.regression?.[domain].bias, better: 'zero' },
        ]),
        // The target's galaxies of the source's classes, where the target has labels (regressionSummary).
        {
          label: 'MAE target, known classes',
          read: (m) => m.regression?.targetKnownClasses?.mae,
          better: 'lower',
        },
        {
          label: 'Bias target, known classes',
          read: (m) => m.regression?.targetKnownClasses?.bias,
          better: 'zero',
        },
      ],
    },
  ];
}

function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(3);
}

/** The signed difference, classed by whether it is an improvement (thresholds are neither). */
function differenceCell(
  row: MetricRow,
  value: number | null | undefined,
  reference: number | null | undefined,
) {
  if (value == null || reference == null) return '<td>–</td>';
  const delta = value - reference;
  const gain =
    row.better === 'higher' ? delta : row.better === 'lower' ? -delta : Math.abs(reference) - Math.abs(value);
  const isThreshold = row.label === 'ρ' || row.label.startsWith('Threshold');
  const kind = isThreshold || Math.abs(delta) < 5e-4 ? 'same' : gain > 0 ? 'better' : 'worse';
  const sign = Math.abs(delta) < 5e-4 ? '±' : delta > 0 ? '+' : '−';
  return `<td class="${kind}">${sign}${Math.abs(delta).toFixed(3)}</td>`;
}

/** mean ± sd (min–max) of one metric over the ensemble's members. */
function spreadCell(row: MetricRow, members: readonly Metrics[]): string {
  const values = members.map(row.read).filter((v): v is number => v !== null && v !== undefined);
  if (values.length < 2) return '<td>–</td>';
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return `<td>${mean.toFixed(3)} ± ${sd.toFixed(3)} <small>(${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})</small></td>`;
}

/**
 * The adapted model against every baseline, one column each, per metric; then the signed difference to
 * source-only (green where it is a gain) and the spread over the ensemble's members.
 */
export function comparisonTable(model: ComparisonModel): string {
  const { columns, reference, members } = model;
  const withSpread = members.length > 1;
  const head = [
    '<th>metric</th>',
    ...columns.map((col) => `<th>${escapeHtml(col.title)}</th>`),
    ...(reference ? [`<th>${escapeHtml(columns[0].title)} − ${escapeHtml(reference.title)}</th>`] : []),
    ...(withSpread ? [`<th>members: mean ± sd (min–max), n = ${members.length}</th>`] : []),
  ].join('');
  const width = 1 + columns.length + (reference ? 1 : 0) + (withSpread ? 1 : 0);
  const body = rowGroups(model.scoreNames).flatMap((group) => {
    const rows = group.rows.filter((row) => columns.some((col) => row.read(col.metrics) != null));
    if (rows.length === 0) return [];
    return [
      `<tr class="group"><th colspan="${width}">${escapeHtml(group.title)}</th></tr>`,
      ...rows.map((row) => {
        const cells = columns.map((col) => `<td>${formatNumber(row.read(col.metrics))}</td>`).join('');
        const difference = reference
          ? differenceCell(row, row.read(columns[0].metrics), row.read(reference.metrics))
          : '';
        const spread = withSpread ? spreadCell(row, members) : '';
        return `<tr><th scope="row">${escapeHtml(row.label)}</th>${cells}${difference}${spread}</tr>`;
      }),
    ];
  });
  return `<table class="metrics"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}
