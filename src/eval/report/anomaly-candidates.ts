import type { Dataset } from '../../data/dataset';
import type { AnomalyClustering } from '../anomaly-clustering';
import { targetDecision } from '../classification-metrics';
import type { ScoredPredictions, UnknownScoreName } from '../scored-predictions';
import { presentScores } from '../unknown-scores';

/** One target sample in the anomaly ranking. */
export interface AnomalyCandidate {
  /** 1 = most anomalous by the chosen score. */
  readonly rank: number;
  /** Row in the predictions. */
  readonly row: number;
  /** Index in the target dataset. */
  readonly index: number;
  readonly ra: number | null;
  readonly dec: number | null;
  readonly scores: Readonly<Partial<Record<UnknownScoreName, number>>>;
  /** Anomaly cluster, for samples predicted unknown and clustered; else null. */
  readonly cluster: number | null;
  /** The decision: a class name or "unknown". */
  readonly predicted: string;
  readonly truth: string | null;
}

/**
 * Target samples ranked by the chosen unknown score, highest first (ties by dataset index), at most
 * `limit` of them, with sky coordinates where the dataset gives them.
 */
export function rankAnomalyCandidates(
  predictions: ScoredPredictions,
  scoreName: UnknownScoreName,
  clustering: AnomalyClustering | null,
  limit: number,
  dataset?: Pick<Dataset, 'n' | 'ra' | 'dec'>,
): AnomalyCandidate[] {
  const ranking = predictions.scores[scoreName] ?? predictions.scores.entropy;
  const clusterOf = new Map(clustering?.rows.map((row, j) => [row, clustering.clusters[j]]) ?? []);
  const rows: number[] = [];
  predictions.domain.forEach((domain, i) => domain === 'target' && rows.push(i));
  rows.sort((a, b) => ranking[b] - ranking[a] || predictions.index[a] - predictions.index[b]);
  const names = presentScores(predictions);
  return rows.slice(0, limit).map((row, j) => {
    const index = predictions.index[row];
    const known = dataset !== undefined && index < dataset.n;
    return {
      rank: j + 1,
      row,
      index,
      ra: known && dataset.ra ? dataset.ra[index] : null,
      dec: known && dataset.dec ? dataset.dec[index] : null,
      scores: Object.fromEntries(
        names.map((name) => [name, (predictions.scores[name] as Float32Array)[row]]),
      ),
      cluster: clusterOf.get(row) ?? null,
      predicted: targetDecision(predictions, row),
      truth: predictions.trueClass[row],
    };
  });
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (a leading =, +, -, @, tab or carriage
 * return) gets a leading apostrophe (OWASP's advice); numbers stay numbers, negative ones included.
 */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** anomalies.csv: rank, index, ra, dec, one column per score, cluster, predicted. */
export function anomaliesCsv(
  candidates: readonly AnomalyCandidate[],
  scoreNames: readonly UnknownScoreName[],
): string {
  const header = ['rank', 'index', 'ra', 'dec', ...scoreNames, 'cluster', 'predicted'];
  const lines = candidates.map((c) =>
    [
      c.rank,
      c.index,
      c.ra,
      c.dec,
      ...scoreNames.map((name) => c.scores[name] ?? null),
      c.cluster,
      c.predicted,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

/** Up to `perGroup` candidates per cluster (in rank order); one group of the top ones where nothing clustered. */
export function galleryGroups(
  candidates: readonly AnomalyCandidate[],
  perGroup: number,
): { title: string; candidates: AnomalyCandidate[] }[] {
  const clusters = [...new Set(candidates.map((c) => c.cluster).filter((c): c is number => c !== null))].sort(
    (a, b) => a - b,
  );
  if (clusters.length === 0)
    return [{ title: 'Top candidates by score', candidates: candidates.slice(0, perGroup) }];
  return clusters.map((cluster) => ({
    title: `Cluster ${cluster}`,
    candidates: candidates.filter((c) => c.cluster === cluster).slice(0, perGroup),
  }));
}
