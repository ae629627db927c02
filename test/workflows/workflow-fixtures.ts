import * as path from 'node:path';
import type { LambdaHandler } from '../../workflows/local';

/** Stand-in handler sources for synthesizing the stack; the tests inject the functions themselves. */
export const FIXTURE_HANDLERS_DIRECTORY = path.join(__dirname, '..', 'infra', 'fixtures', 'handlers');

export const FAKE_TRAINER = path.join(__dirname, 'fixtures', 'fake-trainer.cjs');

/** The Lambda events a run produced, by handler. */
export type HandlerCalls = Record<string, unknown[]>;

/**
 * Handlers that answer the way the real ones are specified to (workflows/README-style contracts in
 * infra/README.md), recording each event. `overrides` replace single handlers.
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
    resolveRelease: record('resolveRelease', (event) => ({
      runId: 'rec42-abc123',
      store: event.store,
      configUri: `${String(event.store)}/runs/rec42-abc123/config.json`,
      upToDate: release.upToDate ?? false,
      conceptRecordId: release.conceptRecordId,
      recordId: '42',
      members: release.members,
      files: [
        { key: 'source.h5', url: 'http://zenodo.test/source.h5', md5: 'a'.repeat(32), size: 10 },
        { key: 'target.h5', url: 'http://zenodo.test/target.h5', md5: 'b'.repeat(32), size: 20 },
      ],
    })),
    ingestFile: record('ingestFile', (event) => ({
      key: (event.file as { key: string }).key,
      skipped: false,
    })),
    evaluate: record('evaluate', (event) => ({
      uri: `eval/${event.member ?? 'ensemble'}.json`,
      member: event.member ?? 'ensemble',
    })),
    anomalyReport: record('anomalyReport', () => ({ reportUri: 'runs/rec42-abc123/report/index.html' })),
    ...overrides,
  } as Record<string, LambdaHandler>;
}
