import type { Domain } from '../../src/data/dataset';
import type { ScoredPredictions, UnknownScoreName } from '../../src/eval/scored-predictions';

/** One hand-written prediction row for metric tests. */
export interface Row {
  readonly domain: Domain;
  readonly truth: string | null;
  readonly probabilities: readonly number[];
  /** Decides "unknown" against the threshold; written by hand, not computed. */
  readonly entropy: number;
  readonly scores?: Partial<Record<UnknownScoreName, number>>;
  readonly embedding?: readonly number[];
}

/** Scored predictions from hand-written rows, so each test states its numbers directly. */
export function scoredFromRows(
  classNames: readonly string[],
  unknownThreshold: number,
  rows: readonly Row[],
): ScoredPredictions {
  const extraNames = [...new Set(rows.flatMap((r) => Object.keys(r.scores ?? {})))] as UnknownScoreName[];
  const scores: Record<string, Float32Array> = { entropy: Float32Array.from(rows.map((r) => r.entropy)) };
  for (const name of extraNames) scores[name] = Float32Array.from(rows.map((r) => r.scores?.[name] ?? 0));
  const embeddingSize = rows[0]?.embedding?.length ?? 1;
  return {
    classNames,
    unknownThreshold,
    domain: rows.map((r) => r.domain),
    index: Int32Array.from(rows.map((_, i) => i)),
    trueClass: rows.map((r) => r.truth),
    probabilities: Float32Array.from(rows.flatMap((r) => r.probabilities)),
    scores: scores as ScoredPredictions['scores'],
    embedding: Float32Array.from(rows.flatMap((r) => r.embedding ?? [0])),
    embeddingSize,
  };
}
