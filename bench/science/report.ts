import { UNKNOWN_SCORE_NAMES, type UnknownScoreName } from '../../src/eval/scored-predictions';
import type { ScienceResult } from './run-case';
import { CANDIDATE_VARIANTS, SCIENCE_VARIANTS, type ScienceVariantName } from './variants';

/** Facts for the report's header. */
export interface ScienceReportHeader {
  readonly machine: string;
  readonly command: string;
  readonly sizes: string;
  readonly wallSeconds: number;
  readonly date: string;
}

interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

function spread(values: readonly (number | null)[]): Spread | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return null;
  return {
    mean: present.reduce((a, b) => a + b, 0) / present.length,
    min: Math.min(...present),
    max: Math.max(...present),
    count: present.length,
  };
}

const fixed = (value: number | null | undefined, digits = 3): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
const shown = (s: Spread | null): string =>
  s === null ? '–' : `${fixed(s.mean)} (${fixed(s.min)}–${fixed(s.max)})`;
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

function scoresIn(results: readonly ScienceResult[]): UnknownScoreName[] {
  return UNKNOWN_SCORE_NAMES.filter((name) => results.some((r) => r.auroc[name] !== undefined));
}

function runTable(results: readonly ScienceResult[]): string[] {
  const scores = scoresIn(results);
  const header = [
    'method',
    'seed',
    'closed-set acc',
    'mean acc shared',
    'unknown recall',
    'H-score',
    ...scores.map((s) => `AUROC ${s}`),
    'score chosen on source',
    'positive pairs (mean / kept epoch)',
    'epochs (kept)',
    'wall s',
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const r of results) {
    const share = r.positivePairShare;
    lines.push(
      row([
        r.case.variant,
        String(r.case.seed),
        fixed(r.targetClosedSetAccuracy),
        fixed(r.knownAccuracy),
        fixed(r.unknownRecall),
        fixed(r.hScore),
        ...scores.map((s) => fixed(r.auroc[s])),
        `${r.chosenScore} (${fixed(r.chosenScoreAuroc)})`,
        share ? `${(share.mean * 100).toFixed(1)} % / ${(share.bestEpoch * 100).toFixed(1)} %` : '–',
        `${r.epochs} (${r.bestEpoch + 1}, ${r.stopReason})`,
        r.seconds.toFixed(0),
      ]),
    );
  }
  return lines;
}

/** Means and min–max over seeds per method. */
export function summarize(
  results: readonly ScienceResult[],
): Map<ScienceVariantName, Record<string, Spread | null>> {
  const byVariant = new Map<ScienceVariantName, Record<string, Spread | null>>();
  const variants = [...new Set(results.map((r) => r.case.variant))];
  for (const variant of variants) {
    const runs = results.filter((r) => r.case.variant === variant);
    const summary: Record<string, Spread | null> = {
      closedSet: spread(runs.map((r) => r.targetClosedSetAccuracy)),
      known: spread(runs.map((r) => r.knownAccuracy)),
      unknownRecall: spread(runs.map((r) => r.unknownRecall)),
      hScore: spread(runs.map((r) => r.hScore)),
      chosenAuroc: spread(runs.map((r) => r.chosenScoreAuroc)),
      seconds: spread(runs.map((r) => r.seconds)),
    };
    for (const score of scoresIn(runs))
      summary[`auroc:${score}`] = spread(runs.map((r) => r.auroc[score] ?? null));
    byVariant.set(variant, summary);
  }
  return byVariant;
}

function meanTable(results: readonly ScienceResult[]): string[] {
  const scores = scoresIn(results);
  const header = [
    'method',
    'seeds',
    'closed-set acc',
    'mean acc shared',
    'unknown recall',
    'H-score',
    'AUROC, score chosen on source',
    ...scores.map((s) => `AUROC ${s}`),
    'wall s',
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const [variant, s] of summarize(results)) {
    lines.push(
      row([
        variant,
        String(s.hScore?.count ?? 0),
        shown(s.closedSet),
        shown(s.known),
        shown(s.unknownRecall),
        shown(s.hScore),
        shown(s.chosenAuroc),
        ...scores.map((score) => shown(s[`auroc:${score}`] ?? null)),
        fixed(s.seconds?.mean, 0),
      ]),
    );
  }
  return lines;
}

/** "beats" only when the candidate's worst seed is above source-only's best seed (no overlap of ranges). */
function versus(candidate: Spread | null, baseline: Spread | null, what: string): string {
  if (!candidate || !baseline) return `${what}: not measured`;
  const delta = candidate.mean - baseline.mean;
  const beyond = candidate.min > baseline.max;
  const verdict =
    candidate.count < 2 || baseline.count < 2
      ? 'one seed only, no spread to compare against'
      : beyond
        ? 'beats it beyond the seed spread (ranges do not overlap)'
        : delta > 0
          ? 'higher on average but within the seed spread (ranges overlap)'
          : 'does not beat it';
  return `${what} ${fixed(candidate.mean)} vs ${fixed(baseline.mean)} (Δ ${delta >= 0 ? '+' : ''}${fixed(delta)}): ${verdict}`;
}

/** The adapting configuration with the highest mean H-score over every task run (ties: mean chosen-score AUROC). */
export function bestVariant(results: readonly ScienceResult[]): ScienceVariantName | null {
  const adapting = [...new Set(results.map((r) => r.case.variant))].filter(
    (v) => v !== 'none' && v !== 'source-only',
  );
  let best: { name: ScienceVariantName; h: number; auroc: number } | null = null;
  for (const name of adapting) {
    const s = summarize(results.filter((r) => r.case.variant === name)).get(name)!;
    const h = s.hScore?.mean ?? -1;
    const auroc = s.chosenAuroc?.mean ?? -1;
    if (!best || h > best.h || (h === best.h && auroc > best.auroc)) best = { name, h, auroc };
  }
  return best?.name ?? null;
}

function verdictLines(results: readonly ScienceResult[], best: ScienceVariantName | null): string[] {
  const summary = summarize(results);
  const baseline = summary.get('source-only');
  const lines: string[] = [];
  const shownVariants = [...new Set([...(best ? [best] : []), ...CANDIDATE_VARIANTS])];
  for (const variant of shownVariants) {
    const s = summary.get(variant);
    if (!s || !baseline) continue;
    lines.push(
      `- ${variant}${variant === best ? ' (best by mean H-score)' : ''} vs source-only: ${versus(s.hScore ?? null, baseline.hScore ?? null, 'H-score')}; ${versus(s.chosenAuroc ?? null, baseline.chosenAuroc ?? null, 'AUROC (score chosen on source)')}.`,
    );
  }
  return lines;
}

/** bench/science.md: header, then per task the runs, the means over seeds and the verdict. */
export function scienceMarkdown(header: ScienceReportHeader, results: readonly ScienceResult[]): string {
  const tasks = [...new Set(results.map((r) => r.case.task))];
  const variants = [...new Set(results.map((r) => r.case.variant))];
  const best = bestVariant(results);
  const lines = [
    '# Science benchmark: universal domain adaptation, simulated sdss → decals',
    '',
    `Machine: ${header.machine}. Date: ${header.date}.`,
    `Command: \`${header.command}\`. Sizes: ${header.sizes}. Total wall time ${(header.wallSeconds / 60).toFixed(1)} min.`,
    '',
    'Every member: resnet-mini at 32 px on the wasm backend, trained with `trainMember` (src/uda/training), ' +
      'early stopping on source validation loss; model and hyperparameters chosen without target labels. ' +
      'Target labels are read only here, to score. "mean acc shared" is the mean per-class recall over the shared ' +
      'classes (a_known); the H-score uses it and the unknown recall (unknown = entropy > ρ). "score chosen on source" ' +
      'is the unknown score that best separates wrong from right source-test predictions (src/eval/unknown-scores). ' +
      'Spreads are min–max over seeds.',
    '',
    'Methods:',
    ...variants.map((v) => `- \`${v}\`: ${SCIENCE_VARIANTS[v].description}`),
    '',
  ];
  for (const task of tasks) {
    const taskResults = results.filter((r) => r.case.task === task);
    lines.push(`## Task ${task}`, '', '### Per run', '', ...runTable(taskResults), '');
    lines.push('### Means over seeds (min–max)', '', ...meanTable(taskResults), '');
    const taskBest = bestVariant(taskResults);
    lines.push(`Best adapting configuration on ${task} by mean H-score: \`${taskBest ?? '–'}\`.`, '');
    lines.push(...verdictLines(taskResults, taskBest), '');
  }
  lines.push('## Verdict over both tasks', '');
  lines.push(`Best adapting configuration by mean H-score over every run: \`${best ?? '–'}\`.`, '');
  lines.push(...verdictLines(results, best), '');
  return `${lines.join('\n')}\n`;
}
