import { formatMetricTable } from '../../src/cli/metric-table';
import type { Metrics } from '../../src/eval/eval-document';

function metrics(role: 'adapted' | 'baseline', method: string, hScore: number): Metrics {
  return {
    subject: role === 'adapted' ? 'ensemble' : method,
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
      calibrated: {
        entropy: { threshold: 0.21, knownAccuracy: 0.8, unknownRecall: 0.7, hScore: hScore / 2 },
      },
      calibratedMixture: {
        entropy: { threshold: 0.25, knownAccuracy: 0.82, unknownRecall: 0.6, hScore: hScore / 3 },
      },
    },
    regression: null,
    clustering: null,
  };
}

function regression(role: 'adapted' | 'baseline', method: string, targetMae: number): Metrics {
  const domain = (mae: number) => ({ n: 10, mae, rmse: mae * 1.5, bias: -mae / 4 });
  return {
    ...metrics(role, method, 0),
    classification: null,
    regression: { source: domain(0.29), target: domain(targetMae) },
  };
}

describe('the metric table', () => {
  it('puts the adapted ensemble beside each baseline in its own column, three decimals', () => {
    const table = formatMetricTable(metrics('adapted', 'deepastro', 0.6), [
      metrics('baseline', 'source-only', 0.5741),
      metrics('baseline', 'none', 0.4),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^metric\s+adapted \(deepastro\)\s+baseline \(source-only\)\s+baseline \(none\)$/,
    );
    expect(lines.find((line) => line.startsWith('H-score, entropy > rho'))).toMatch(
      /0\.600\s+0\.574\s+0\.400$/,
    );
    expect(lines.some((line) => line.startsWith('target MAE'))).toBe(false);
  });

  it('shows both the fixed and the calibrated threshold, and the H-score each gives', () => {
    const lines = formatMetricTable(metrics('adapted', 'deepastro', 0.6), []).split('\n');
    expect(lines.find((line) => line.startsWith('rho'))).toMatch(/0\.350$/);
    expect(lines.find((line) => line.startsWith('Otsu threshold'))).toMatch(/0\.210$/);
    expect(lines.find((line) => line.startsWith('H-score, best score > Otsu'))).toMatch(/0\.300$/);
    expect(lines.find((line) => line.startsWith('mixture threshold'))).toMatch(/0\.250$/);
    expect(lines.find((line) => line.startsWith('H-score, best score > mixture'))).toMatch(/0\.200$/);
    expect(lines[lines.length - 1]).toBe('best score (chosen on source data): adapted (deepastro): entropy');
    // No rank score in these documents (older ones, or no feature scores): no rank-score line.
    expect(lines.some((line) => line.startsWith('H-score, rank score'))).toBe(false);
  });

  it("shows the H-score at the rank score's Otsu threshold where the documents carry it", () => {
    const adapted = metrics('adapted', 'deepastro', 0.6);
    const classification = adapted.classification!;
    const withRank: Metrics = {
      ...adapted,
      classification: {
        ...classification,
        calibrated: {
          ...classification.calibrated,
          rankScore: { threshold: 0.6, knownAccuracy: 0.9, unknownRecall: 0.8, hScore: 0.847 },
        },
      },
    };
    const lines = formatMetricTable(withRank, [metrics('baseline', 'source-only', 0.5)]).split('\n');
    expect(lines.find((line) => line.startsWith('H-score, rank score > Otsu'))).toMatch(/0\.847\s+-$/);
  });

  it('shows MAE, RMSE and bias per domain for regression, and no H-score, AUROC or threshold line', () => {
    const table = formatMetricTable(regression('adapted', 'mmd', 0.427), [
      regression('baseline', 'source-only', 0.419),
    ]);
    expect(table).not.toMatch(/H-score|AUROC|rho|Otsu|best score/);
    const lines = table.split('\n');
    expect(lines.find((line) => line.startsWith('target MAE'))).toMatch(/0\.427\s+0\.419$/);
    expect(lines.find((line) => line.startsWith('target bias'))).toMatch(/-0\.107\s+-0\.105$/);
    expect(lines.map((line) => line.split(/\s{2,}/)[0]).slice(2)).toEqual([
      'source MAE',
      'source RMSE',
      'source bias',
      'target MAE',
      'target RMSE',
      'target bias',
    ]);
  });

  it("adds the target's known-class errors where the document has them (a labelled target)", () => {
    const known = (mae: number): Metrics => {
      const m = regression('adapted', 'mmd', 0.427);
      const errors = { n: 200, mae, rmse: mae * 1.2, bias: 0.05 };
      return { ...m, regression: { ...m.regression!, targetKnownClasses: errors } };
    };
    const lines = formatMetricTable(known(0.301), [regression('baseline', 'source-only', 0.419)]).split('\n');
    expect(lines.find((line) => line.startsWith('target MAE, known classes'))).toMatch(/0\.301\s+-$/);
    expect(lines.find((line) => line.startsWith('target bias, known classes'))).toMatch(/0\.050\s+-$/);
    const unlabelled = { n: 0, mae: null, rmse: null, bias: null };
    const none = { ...known(0), regression: { ...known(0).regression!, targetKnownClasses: unlabelled } };
    expect(formatMetricTable(none, [])).not.toMatch(/known classes/);
  });
});
