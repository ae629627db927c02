import { SURVEYS } from '../../src/data/simulate/surveys';
import { pairTitle, type SurveyPair } from './pairs';
import type { CaseResult, RegressionResult, ScienceResult } from './run-case';
import { scoresIn, summarize, summarizeRegression, verdict, type Spread } from './summary';
import { SCIENCE_VARIANTS, type ScienceVariantName } from './variants';

/** Facts for the report's header. */
export interface ScienceReportHeader {
  readonly machine: string;
  readonly command: string;
  readonly sizes: string;
  readonly wallSeconds: number;
  readonly date: string;
}

const BASELINES = new Set(['none', 'source-only']);

const fixed = (value: number | null | undefined, digits = 3): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
const shown = (s: Spread | null | undefined, digits = 3): string =>
  !s ? '–' : `${fixed(s.mean, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const table = (header: readonly string[], rows: readonly string[][]): string[] => [
  row(header),
  row(header.map(() => '---')),
  ...rows.map(row),
];

const isClassification = (r: CaseResult): r is ScienceResult => r.case.kind === 'classification';
const isRegression = (r: CaseResult): r is RegressionResult => r.case.kind === 'regression';

function runTable(results: readonly ScienceResult[]): string[] {
  const scores = scoresIn(results);
  const header = [
    ...['variant', 'seed', 'closed-set acc', 'mean acc shared', 'unknown recall', 'H (ρ)'],
    ...['H (Otsu, entropy)', 'H (Otsu, chosen)', 'H (mixture, chosen)', 'H (Otsu, rank)'],
    ...scores.map((s) => `AUROC / AUPR ${s}`),
    ...['score chosen on source', 'epochs (kept)', 'wall s'],
  ];
  return table(
    header,
    results.map((r) => [
      r.case.variant,
      String(r.case.seed),
      ...[r.targetClosedSetAccuracy, r.knownAccuracy, r.unknownRecall, r.hScore].map((v) => fixed(v)),
      fixed(r.calibratedHScore.entropy),
      fixed(r.calibratedHScore[r.chosenScore]),
      fixed(r.mixtureHScore[r.chosenScore]),
      fixed(r.calibratedHScore.rankScore),
      ...scores.map((s) => `${fixed(r.auroc[s])} / ${fixed(r.aupr[s])}`),
      `${r.chosenScore} (${fixed(r.chosenScoreAuroc)})`,
      `${r.epochs} (${r.bestEpoch + 1}, ${r.stopReason})`,
      r.seconds.toFixed(0),
    ]),
  );
}

function meanTable(results: readonly ScienceResult[]): string[] {
  const scores = scoresIn(results);
  const header = [
    ...['variant', 'seeds', 'closed-set acc', 'mean acc shared', 'unknown recall', 'H (ρ)'],
    ...['H (Otsu, entropy)', 'H (Otsu, chosen)', 'H (mixture, chosen)', 'H (Otsu, rank)'],
    'AUROC, score chosen on source',
    ...scores.flatMap((s) => [`AUROC ${s}`, `AUPR ${s}`]),
    'wall s',
  ];
  const rows = [...summarize(results)].map(([variant, s]) => [
    variant,
    String(s.hScore?.count ?? 0),
    ...['closedSet', 'known', 'unknownRecall', 'hScore'].map((k) => shown(s[k])),
    ...['calibratedEntropyH', 'calibratedChosenH', 'mixtureChosenH', 'calibratedRankH', 'chosenAuroc'].map(
      (k) => shown(s[k]),
    ),
    ...scores.flatMap((score) => [shown(s[`auroc:${score}`]), shown(s[`aupr:${score}`])]),
    fixed(s.seconds?.mean, 0),
  ]);
  return table(header, rows);
}

type Summary = Record<string, Spread | null>;

/** The measures each variant is held against source-only on, by label and summary key. */
const VERDICT_MEASURES = [
  ['H (ρ)', 'hScore'],
  ['H (Otsu, entropy)', 'calibratedEntropyH'],
  ['H (mixture, chosen)', 'mixtureChosenH'],
  ['H (Otsu, rank)', 'calibratedRankH'],
  ['AUROC (score chosen on source)', 'chosenAuroc'],
] as const;

/** "0.612 vs 0.540" and its verdict, for one measure of a variant against the baseline. */
function against(s: Summary, baseline: Summary | undefined, key: string): [string, string] {
  return [
    `${fixed(s[key]?.mean)} vs ${fixed(baseline?.[key]?.mean)}`,
    verdict(s[key], baseline?.[key] ?? null),
  ];
}

/** One line per adapting variant: against source-only on each H-score and the chosen score's AUROC. */
function verdictLines(results: readonly ScienceResult[]): string[] {
  const summary = summarize(results);
  const baseline = summary.get('source-only');
  if (!baseline) return ['No `source-only` runs: no verdict.'];
  return [...summary]
    .filter(([variant]) => !BASELINES.has(variant))
    .map(([variant, s]) => {
      const clauses = VERDICT_MEASURES.map(([label, key]) => {
        const [comparison, result] = against(s, baseline, key);
        return `${label} ${comparison}, ${result}`;
      });
      return `- \`${variant}\` vs \`source-only\`: ${clauses.join('; ')}.`;
    });
}

function regressionTable(results: readonly RegressionResult[]): string[] {
  const header = [
    ...['variant', 'seeds', 'source MAE', 'source RMSE', 'source bias'],
    ...['target MAE', 'target RMSE', 'target bias', 'target / source MAE'],
    ...['target MAE, known classes', 'its bias', 'known / source MAE', 'wall s'],
  ];
  const keys = [
    ...['sourceMae', 'sourceRmse', 'sourceBias', 'targetMae', 'targetRmse', 'targetBias', 'maeRatio'],
    ...['knownMae', 'knownBias', 'knownMaeRatio'],
  ];
  const rows = [...summarizeRegression(results)].map(([variant, s]) => [
    variant,
    String(s.targetMae?.count ?? 0),
    ...keys.map((k) => shown(s[k])),
    fixed(s.seconds?.mean, 0),
  ]);
  return table(header, rows);
}

/** The verdict of every pair and task in one table: the adapted variants against source-only. */
function overviewTable(pairs: readonly SurveyPair[], results: readonly ScienceResult[]): string[] {
  const rows: string[][] = [];
  for (const pair of pairs) {
    for (const task of [...new Set(results.map((r) => r.case.task))]) {
      const here = results.filter((r) => r.case.pair.name === pair.name && r.case.task === task);
      const summary = summarize(here);
      const baseline = summary.get('source-only');
      for (const [variant, s] of summary) {
        if (BASELINES.has(variant)) continue;
        rows.push([
          pair.name,
          task,
          variant,
          ...against(s, baseline, 'hScore'),
          ...against(s, baseline, 'calibratedRankH'),
          ...against(s, baseline, 'chosenAuroc'),
        ]);
      }
    }
  }
  const header = ['pair', 'task', 'variant', 'H (ρ) vs source-only', 'H verdict'];
  const rank = ['H (Otsu, rank) vs source-only', 'verdict'];
  return table([...header, ...rank, 'AUROC (chosen) vs source-only', 'AUROC verdict'], rows);
}

function surveyLine(name: string): string {
  const s = SURVEYS[name as keyof typeof SURVEYS];
  const psf = s.psfProfile?.kind === 'moffat' ? `Moffat β = ${s.psfProfile.beta}` : 'Gaussian';
  return `- \`${name}\`: ${s.pixelScale}"/px${s.fieldOfView ? `, ${s.fieldOfView}" cutouts resampled to the image` : ''}, PSF ${psf} FWHM ${s.psfFwhm}", bands ${s.bands.map((b) => b.band).join(' ')}, ${s.stretch ?? 'asinh'} stretch${s.saturation ? `, saturating at ${s.saturation} nmgy/arcsec²` : ''}`;
}

/** bench/science.md: header, the verdict overview, then per pair each task's runs, means and verdicts, and the regression head. */
export function scienceMarkdown(header: ScienceReportHeader, results: readonly CaseResult[]): string {
  const classification = results.filter(isClassification);
  const regression = results.filter(isRegression);
  const pairs = [...new Map(results.map((r) => [r.case.pair.name, r.case.pair])).values()];
  const variants = [...new Set(classification.map((r) => r.case.variant))] as ScienceVariantName[];
  const surveys = [...new Set(pairs.flatMap((p) => [p.source, p.target]))];
  const lines = [
    '# Science benchmark: universal domain adaptation over survey pairs',
    '',
    `Machine: ${header.machine}. Date: ${header.date}.`,
    `Command: \`${header.command}\`. Sizes: ${header.sizes}. Total wall time ${(header.wallSeconds / 60).toFixed(1)} min.`,
    '',
    'Every member: resnet-mini at 32 px on the wasm backend, trained with `trainMember` (src/uda/training), ' +
      "the kept epoch and early stopping by the monitor its config resolves (`hyperparameters.monitor`: by default the split of the unlabelled target's entropies for `deepastro` on 3 classes, the source validation loss otherwise); model and hyperparameters chosen without target labels. " +
      'Target labels are read only here, to score. "mean acc shared" is the mean per-class recall over the shared ' +
      'classes (a_known). "H (ρ)" calls a sample unknown when its entropy exceeds the fixed ρ = ln(K)/2; ' +
      '"H (Otsu, …)" when a score exceeds its Otsu threshold on the target\'s own values (src/eval/calibrated-threshold.ts, no labels), ' +
      'for entropy, for the score chosen on source and for the rank score (src/eval/rank-score.ts); "H (mixture, chosen)" at the crossing of a two-Gaussian mixture fitted to the chosen score\'s target values (src/eval/mixture-threshold.ts, no labels). The score chosen on source is the one that best separates wrong from right source-test ' +
      'predictions (src/eval/unknown-scores). AUROC and AUPR (unknown positive) are given for every score the predictions carry. ' +
      'Spreads are min–max over seeds; "beyond the seed spread" means the variant\'s worst seed beats source-only\'s best.',
    '',
    'Surveys:',
    ...surveys.map(surveyLine),
    '',
    // A regression-only run (--tasks regression) has no variants to describe and no verdicts.
    ...(classification.length === 0
      ? []
      : [
          'Variants:',
          ...variants.map((v) => `- \`${v}\`: ${SCIENCE_VARIANTS[v].description}`),
          '',
          '## Verdict per pair',
          '',
          ...overviewTable(pairs, classification),
          '',
        ]),
  ];
  for (const pair of pairs) {
    lines.push(`## ${pairTitle(pair)}`, '');
    const here = classification.filter((r) => r.case.pair.name === pair.name);
    for (const task of [...new Set(here.map((r) => r.case.task))]) {
      const taskResults = here.filter((r) => r.case.task === task);
      lines.push(`### ${task}`, '', ...runTable(taskResults), '', 'Means over seeds (min–max):', '');
      lines.push(...meanTable(taskResults), '', ...verdictLines(taskResults), '');
    }
    const pairRegression = regression.filter((r) => r.case.pair.name === pair.name);
    if (pairRegression.length > 0) {
      lines.push('### Regression: half-light radius (arcsec), 3class galaxies', '');
      lines.push(...regressionTable(pairRegression), '');
    }
  }
  return `${lines.join('\n')}\n`;
}
