import { createLogger } from '../logger';
import { openStore } from '../storage';
import type { BlobStore } from '../storage';
import { runLayout } from '../run/run-layout';
import { type PublishEvent, publishEventSchema, type PublishResult } from '../run/workflow-payloads';
import { markReleaseTrained } from '../zenodo/release-state';
import { parseEvent, withWorkflowErrors } from './error-mapping';

/**
 * Writes runs/<runId>/summary.json, then (last, so a failed run never marks a release trained)
 * state/releases/<conceptRecordId>.json.
 */
export async function publishRun(
  event: PublishEvent,
  store: BlobStore,
  now: Date = new Date(),
): Promise<PublishResult> {
  const { release } = event;
  const finishedAt = now.toISOString();
  const summaryKey = runLayout.summary(release.runId);
  const summary = {
    schemaVersion: 1,
    runId: release.runId,
    execution: event.execution,
    finishedAt,
    codeVersion: process.env.DEEPASTRO_CODE_VERSION ?? null,
    release,
    ingested: event.ingested,
    training: event.training,
    evaluation: event.evaluation,
    report: event.report,
  };
  await store.put(summaryKey, JSON.stringify(summary, null, 2), { contentType: 'application/json' });
  const result: PublishResult = { runId: release.runId, summaryUri: store.uriOf(summaryKey) };
  if (!release.conceptRecordId || !release.recordId) return result;
  await markReleaseTrained(
    store,
    { conceptRecordId: release.conceptRecordId, recordId: release.recordId, runId: release.runId },
    now,
  );
  return { ...result, releaseStateUri: store.uriOf(runLayout.releaseState(release.conceptRecordId)) };
}

/** Lambda entry: validate, publish. Typed errors keep their names for the workflow's Retry/Catch. */
export async function handler(event: unknown): Promise<PublishResult> {
  return withWorkflowErrors(async () => {
    const input = parseEvent(publishEventSchema, event, 'publish');
    const result = await publishRun(input, openStore(input.release.store));
    createLogger().info(result, 'run published');
    return result;
  });
}
