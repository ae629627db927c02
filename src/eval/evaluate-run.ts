import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { BlobStore } from '../storage/blob-store';
import { runLayout } from '../storage/run-layout';
import type { AnomalyClusteringOptions } from './anomaly-clustering';
import { EVAL_SCHEMA_VERSION, evalDocumentSchema, type EvalDocument, type Metrics } from './eval-document';
import { evaluatePredictions } from './evaluate-predictions';
import { ensembleOf, loadMembers, splitByRole, type MemberPredictions } from './run-members';
import { memberScoredPredictions } from './scored-predictions';

export interface EvaluateRunOptions {
  /** Evaluate only this member (no ensemble). */
  readonly member?: string;
  readonly clustering?: AnomalyClusteringOptions;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

export interface EvaluateRunResult {
  /** Store keys written, in order. */
  readonly written: readonly string[];
  /** The ensemble of adapted members (or of the baselines where there are none); absent with `member`. */
  readonly ensemble?: Metrics;
  readonly baseline?: Metrics | null;
}

function memberMetrics(member: MemberPredictions, options: EvaluateRunOptions): Metrics {
  return evaluatePredictions(
    memberScoredPredictions(member.set),
    { subject: member.name, members: [member.name], method: member.method, role: member.role },
    options.clustering,
  );
}

/** A group of one is that member's own predictions, so its metrics are the member's, renamed. */
function groupMetrics(
  members: readonly MemberPredictions[],
  subject: string,
  evaluated: ReadonlyMap<string, Metrics>,
  options: EvaluateRunOptions,
): Metrics {
  const single = members.length === 1 ? evaluated.get(members[0].name) : undefined;
  if (single) return { ...single, subject };
  return evaluatePredictions(
    ensembleOf(members),
    {
      subject,
      members: members.map((m) => m.name),
      method: members[0].method,
      role: members[0].role,
    },
    options.clustering,
  );
}

async function writeDocument(
  store: BlobStore,
  runId: string,
  name: string,
  metrics: Metrics,
  baseline: Metrics | null,
  options: EvaluateRunOptions,
): Promise<string> {
  const document: EvalDocument = evalDocumentSchema.parse({
    schemaVersion: EVAL_SCHEMA_VERSION,
    runId,
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    metrics,
    baseline,
  });
  const key = runLayout.evaluation(runId, name);
  await store.put(key, `${JSON.stringify(document, null, 2)}\n`, { contentType: 'application/json' });
  return key;
}

/**
 * Evaluates a run's prediction files: eval/<member>.json for each member and eval/ensemble.json for the
 * ensemble of adapted members, each with the source-only baseline's metrics beside it where the run has one.
 */
export async function evaluateRun(
  store: BlobStore,
  runId: string,
  options: EvaluateRunOptions = {},
): Promise<EvaluateRunResult> {
  const logger = options.logger ?? silentLogger;
  const members = await loadMembers(store, runId, options.member);
  const { adapted, baseline } = splitByRole(members);
  const evaluated = new Map(members.map((member) => [member.name, memberMetrics(member, options)]));
  const baselineMetrics =
    baseline.length > 0 ? groupMetrics(baseline, 'baseline-ensemble', evaluated, options) : null;
  const written: string[] = [];
  for (const member of members) {
    const metrics = evaluated.get(member.name)!;
    const comparison = member.role === 'adapted' ? baselineMetrics : null;
    written.push(await writeDocument(store, runId, member.name, metrics, comparison, options));
    logger.info({ runId, member: member.name, hScore: metrics.classification?.hScore }, 'member evaluated');
  }
  if (options.member) return { written };
  const ensemble =
    adapted.length > 0 ? groupMetrics(adapted, 'ensemble', evaluated, options) : baselineMetrics;
  const comparison = adapted.length > 0 ? baselineMetrics : null;
  written.push(await writeDocument(store, runId, 'ensemble', ensemble as Metrics, comparison, options));
  logger.info(
    { runId, members: members.length, hScore: ensemble?.classification?.hScore },
    'ensemble evaluated',
  );
  return { written, ensemble: ensemble as Metrics, baseline: comparison };
}
