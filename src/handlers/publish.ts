import { z } from 'zod';
import { createLogger } from '../logger';
import { openStore } from '../storage';
import type { BlobStore } from '../storage';
import { runLayout } from '../storage/run-layout';
import { markReleaseTrained } from '../zenodo/release-state';
import { parseEvent, withWorkflowErrors } from './error-mapping';

/** The Publish state's payload (workflows/definition.ts): what the run did, as the states reported it. */
export const publishEventSchema = z.object({
  release: z
    .object({
      runId: z.string().min(1),
      store: z.string().min(1),
      conceptRecordId: z.string().nullish(),
      recordId: z.string().nullish(),
      configUri: z.string().optional(),
      members: z.number().int().positive().optional(),
      files: z.array(z.unknown()).optional(),
    })
    .loose(),
  ingested: z.array(z.unknown()).default([]),
  training: z.unknown().optional(),
  evaluation: z.unknown().optional(),
  report: z.unknown().optional(),
  execution: z.object({ name: z.string(), startTime: z.string() }).partial().optional(),
});

export type PublishEvent = z.infer<typeof publishEventSchema>;

export interface PublishResult {
  readonly runId: string;
  readonly summaryUri: string;
  /** Where the release marker went; absent when the run was not for a Zenodo concept record. */
  readonly releaseStateUri?: string;
}

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
    execution: event.execution ?? {},
    finishedAt,
    codeVersion: process.env.DEEPASTRO_CODE_VERSION ?? null,
    release,
    ingested: event.ingested,
    training: event.training ?? null,
    evaluation: event.evaluation ?? null,
    report: event.report ?? null,
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
