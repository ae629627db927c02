import { fileURLToPath } from 'node:url';
import { parseEvalDocument, type EvalDocument } from '../../src/eval/eval-document';
import { type Logger, silentLogger } from '../../src/logger';
import { openStore } from '../../src/storage/open-store';
import type { WorkflowProgressEvent } from '../../src/run/progress-events';
import { runLayout } from '../../src/run/run-layout';
import { releaseSchema } from '../../src/run/workflow-payloads';
import { runLocalWorkflow } from './run-local-workflow';

export interface LocalRunOptions {
  /** The run config as a user writes it (validated by the workflow's first state). */
  readonly config: Record<string, unknown>;
  /** Store for data and runs: a folder, file:// or s3:// URI. */
  readonly store: string;
  /**
   * A Zenodo record (or concept) the run trains on: ResolveRelease resolves its newest version and
   * Ingest streams its files into the store. @default none: the config's files are already there
   */
  readonly recordId?: string;
  /** Trainer processes at once. @default 2 */
  readonly concurrency?: number;
  readonly logger?: Logger;
  /** The workflow's progress: states entered, trainer epochs. */
  readonly onProgress?: (event: WorkflowProgressEvent) => void;
}

export interface LocalRunResult {
  readonly runId: string;
  /** The run was already complete in this store, so nothing was trained again. */
  readonly upToDate: boolean;
  readonly ensemble: EvalDocument;
  /** The report page: a local path for a file store, else a URI. */
  readonly reportLocation: string;
}

/**
 * Runs the synthesized state machine locally on one config: resolve (Zenodo sources are resolved and
 * ingested by the workflow's own states), train (method and baselines), evaluate, anomaly report,
 * publish. What `deepastro-uda run` and `npm start` do.
 */
export async function runConfigLocally(options: LocalRunOptions): Promise<LocalRunResult> {
  const store = openStore(options.store);
  const { output } = await runLocalWorkflow({
    input: { config: options.config, ...(options.recordId && { recordId: options.recordId }) },
    store: store.uri,
    concurrency: options.concurrency ?? 2,
    logger: options.logger ?? silentLogger,
    onProgress: options.onProgress,
  });
  const release = releaseSchema.parse((output as { release?: unknown }).release);
  const ensembleKey = runLayout.evaluation(release.runId, 'ensemble');
  const ensemble = parseEvalDocument(await store.getText(ensembleKey), store.uriOf(ensembleKey));
  const reportUri = store.uriOf(`${runLayout.reportPrefix(release.runId)}/index.html`);
  return {
    runId: release.runId,
    upToDate: release.upToDate === true,
    ensemble,
    reportLocation: reportUri.startsWith('file://') ? fileURLToPath(reportUri) : reportUri,
  };
}
