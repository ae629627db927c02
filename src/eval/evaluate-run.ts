import { NotFoundError } from '../errors';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { BlobStore } from '../storage/blob-store';
import { runLayout } from '../run/run-layout';
import type { AnomalyClusteringOptions } from './anomaly-clustering';
import { EVAL_SCHEMA_VERSION, evalDocumentSchema, type EvalDocument, type Metrics } from './eval-document';
import { evaluatePredictions } from './evaluate-predictions';
import { ensembleOf, groupByMethod, loadMembers, splitByRole, type MemberPredictions } from './run-members';
import { memberScoredPredictions } from './scored-predictions';

/** Which documents to write: every member and the ensemble, one member, or the ensemble alone. */
export type EvaluationScope = { readonly member: string } | 'ensemble' | 'all';

export interface EvaluateRunOptions {
  /** @default 'all' */
  readonly scope?: EvaluationScope;
  readonly clustering?: AnomalyClusteringOptions;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

export interface EvaluateRunResult {
  /** Store keys written, in order. */
  readonly written: readonly string[];
  /** The ensemble of adapted members (or of the first baseline where there are none); absent for one member. */
  readonly ensemble?: Metrics;
  /** Each baseline method on its own, beside the ensemble; empty for one member. */
  readonly baselines: readonly Metrics[];
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
  baselines: readonly Metrics[],
  options: EvaluateRunOptions,
): Promise<string> {
  const document: EvalDocument = evalDocumentSchema.parse({
    schemaVersion: EVAL_SCHEMA_VERSION,
    runId,
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    metrics,
    baselines,
  });
  const key = runLayout.evaluation(runId, name);
  await store.put(key, `${JSON.stringify(document, null, 2)}\n`, { contentType: 'application/json' });
  return key;
}

/** The members whose documents a scope writes. */
function membersInScope(members: readonly MemberPredictions[], scope: EvaluationScope): MemberPredictions[] {
  if (scope === 'all') return [...members];
  if (scope === 'ensemble') return [];
  const member = members.find((m) => m.name === scope.member);
  if (!member) throw new NotFoundError(`member ${scope.member} has no predictions.arrow`);
  return [member];
}

/**
 * Evaluates a run's prediction files: eval/<member>.json for each member and eval/ensemble.json for the
 * ensemble of adapted members, each with every baseline method's metrics beside it, one entry per
 * method (`source-only`, `none`), never pooled. A scope of one member or of the ensemble writes only
 * that document, with the same content the whole evaluation would write, so the workflow's parallel
 * per-member and ensemble states never disagree.
 */
export async function evaluateRun(
  store: BlobStore,
  runId: string,
  options: EvaluateRunOptions = {},
): Promise<EvaluateRunResult> {
  const logger = options.logger ?? silentLogger;
  const scope = options.scope ?? 'all';
  const members = await loadMembers(store, runId);
  const { adapted, baseline } = splitByRole(members);
  const evaluated = new Map<string, Metrics>();
  const metricsOf = (member: MemberPredictions): Metrics => {
    if (!evaluated.has(member.name)) evaluated.set(member.name, memberMetrics(member, options));
    return evaluated.get(member.name)!;
  };
  const documents = membersInScope(members, scope);
  const withEnsemble = scope === 'all' || scope === 'ensemble';
  const needsBaseline = withEnsemble || documents.some((member) => member.role === 'adapted');
  const baselineMetrics = (needsBaseline ? groupByMethod(baseline) : []).map((group) => {
    group.forEach(metricsOf);
    return groupMetrics(group, group[0].method ?? 'baseline', evaluated, options);
  });
  const written: string[] = [];
  for (const member of documents) {
    const metrics = metricsOf(member);
    const comparison = member.role === 'adapted' ? baselineMetrics : [];
    written.push(await writeDocument(store, runId, member.name, metrics, comparison, options));
    logger.info({ runId, member: member.name, hScore: metrics.classification?.hScore }, 'member evaluated');
  }
  if (!withEnsemble) return { written, baselines: [] };
  adapted.forEach(metricsOf);
  const ensemble =
    adapted.length > 0 ? groupMetrics(adapted, 'ensemble', evaluated, options) : baselineMetrics[0];
  const comparison = adapted.length > 0 ? baselineMetrics : baselineMetrics.slice(1);
  written.push(await writeDocument(store, runId, 'ensemble', ensemble, comparison, options));
  logger.info(
    { runId, members: members.length, hScore: ensemble.classification?.hScore },
    'ensemble evaluated',
  );
  return { written, ensemble, baselines: comparison };
}
