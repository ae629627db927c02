import * as path from 'node:path';
import type { EvaluationResult, IngestResult, Release, ReportResult } from '../../src/run/workflow-payloads';
import type { LambdaHandler } from '../../workflows/local';

/** Stand-in handler sources for synthesizing the stack; the tests inject the functions themselves. */
export const FIXTURE_HANDLERS_DIRECTORY = path.join(__dirname, '..', 'infra', 'fixtures', 'handlers');

export const FAKE_TRAINER = path.join(__dirname, 'fixtures', 'fake-trainer.cjs');

/** The Lambda events a run produced, by handler. */
export type HandlerCalls = Record<string, unknown[]>;

/**
 * Handlers that answer with the payloads of src/run/workflow-payloads.ts, as the real ones do, recording
 * each event. `overrides` replace single handlers.
 */
export function injectedHandlers(
  calls: HandlerCalls,
  release: { members: number; upToDate?: boolean; conceptRecordId?: string },
  overrides: Partial<Record<string, LambdaHandler>> = {},
): Record<string, LambdaHandler> {
  const record =
    (name: string, answer: (event: Record<string, unknown>) => unknown): LambdaHandler =>
    async (event) => {
      (calls[name] ??= []).push(event);
      return answer(event as Record<string, unknown>);
    };
  return {
    resolveRelease: record('resolveRelease', (event): Release => ({
      runId: 'rec42-abc123',
      store: String(event.store),
      upToDate: release.upToDate ?? false,
      conceptRecordId: release.conceptRecordId ?? null,
      recordId: '42',
      version: null,
      members: release.members,
      zenodoUrl: 'http://zenodo.test',
      files: [
        {
          recordId: '42',
          key: 'source.h5',
          url: 'http://zenodo.test/source.h5',
          md5: 'a'.repeat(32),
          size: 10,
        },
        {
          recordId: '42',
          key: 'target.h5',
          url: 'http://zenodo.test/target.h5',
          md5: 'b'.repeat(32),
          size: 20,
        },
      ],
    })),
    ingestFile: record('ingestFile', (event): IngestResult => {
      const file = event.file as { key: string; size: number; md5: string };
      const key = `raw/zenodo/42/${file.key}`;
      return { key, uri: `s3://bucket/${key}`, size: file.size, md5: file.md5, status: 'ingested' };
    }),
    evaluate: record('evaluate', (event): EvaluationResult => ({
      runId: 'rec42-abc123',
      member: String(event.member ?? 'ensemble'),
      evalUris: [`eval/${String(event.member ?? 'ensemble')}.json`],
      hScore: null,
      baselineHScore: null,
    })),
    anomalyReport: record('anomalyReport', (): ReportResult => ({
      runId: 'rec42-abc123',
      reportUri: 'runs/rec42-abc123/report/index.html',
      notes: [],
    })),
    ...overrides,
  } as Record<string, LambdaHandler>;
}
