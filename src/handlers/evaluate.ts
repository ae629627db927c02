import type { Metrics } from '../eval/eval-document';
import { evaluateRun, type EvaluationScope } from '../eval/evaluate-run';

const ENSEMBLE = 'ensemble';
import { createLogger } from '../logger';
import { openStore } from '../storage/open-store';
import { parseEvent, withWorkflowErrors } from './error-mapping';
import { type EvaluationResult, runEventSchema } from '../run/workflow-payloads';

/** The source-only baseline, the one every adaptation is judged against (ALGORITHM.md). */
function sourceOnly(baselines: readonly Metrics[]): Metrics | undefined {
  return baselines.find((m) => m.method === 'source-only');
}

/** `member: 'ensemble'` is the workflow's ensemble state; no member means every document. */
function evaluationScope(member: string | undefined): EvaluationScope {
  if (member === undefined) return 'all';
  return member === ENSEMBLE ? 'ensemble' : { member };
}

/**
 * Lambda entry: evaluates one member ({runId, store, member}), the ensemble alone ({..., member:
 * 'ensemble'}), or every member and the ensemble ({runId, store}), writing runs/<runId>/eval/*.json.
 * The payload carries URIs, never data.
 */
export async function handler(event: unknown): Promise<EvaluationResult> {
  return withWorkflowErrors(async () => {
    const { runId, store: uri, member } = parseEvent(runEventSchema, event, 'evaluate');
    const store = openStore(uri);
    const result = await evaluateRun(store, runId, {
      scope: evaluationScope(member),
      logger: createLogger(),
    });
    return {
      runId,
      member: member ?? null,
      evalUris: result.written.map((key) => store.uriOf(key)),
      hScore: result.ensemble?.classification?.hScore ?? null,
      baselineHScore: sourceOnly(result.baselines)?.classification?.hScore ?? null,
    };
  });
}
