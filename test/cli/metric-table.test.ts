import { formatMetricTable } from '../../src/cli/metric-table';
import type { EvalDocument, Metrics } from '../../src/eval/eval-document';

function metrics(role: 'adapted' | 'baseline', method: string, hScore: number): Metrics {
  return {
    subject: role === 'adapted' ? 'ensemble' : 'baseline-ensemble',
    members: ['0'],
    method,
    role,
    classNames: ['elliptical', 'spiral'],
    unknownThreshold: 0.35,
    counts: { source: 10, target: 10, targetLabelled: 10 },
    classification: {
      sourceAccuracy: 1,
      targetClosedSetAccuracy: 0.9,
      perClassRecall: {},
      meanPerClassAccuracy: 0.8,
      knownAccuracy: 0.85,
      unknownRecall: 0.5,
      hScore,
      confusion: { labels: [], counts: [] },
      unknownScores: { entropy: { auroc: 0.75, aupr: 0.5, sourceErrorAuroc: 0.9 } },
      bestScore: { name: 'entropy', sourceErrorAuroc: 0.9, reason: 'r' },
    },
    regression: null,
    clustering: null,
  };
}

describe('the metric table', () => {
  it('puts the adapted ensemble beside its baseline, three decimals, only rows with values', () => {
    const document: EvalDocument = {
      schemaVersion: 1,
      runId: 'r',
      createdAt: '2025-01-01T00:00:00Z',
      metrics: metrics('adapted', 'deepastro', 0.6),
      baseline: metrics('baseline', 'source-only', 0.5741),
    };
    const lines = formatMetricTable(document).split('\n');
    expect(lines[0]).toMatch(/^metric\s+adapted \(deepastro\)\s+baseline \(source-only\)$/);
    expect(lines.find((line) => line.startsWith('H-score'))).toMatch(/0\.600\s+0\.574$/);
    expect(lines.some((line) => line.startsWith('target MAE'))).toBe(false);
    expect(lines).toHaveLength(2 + 7);
  });
});
