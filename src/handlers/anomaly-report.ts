import { buildReport } from '../eval/report/build-report';
import { loadTargetImages } from '../eval/report/target-dataset';
import { createLogger } from '../logger';
import { openStore } from '../storage/open-store';
import { parseEvent, withWorkflowErrors } from './error-mapping';
import { type ReportResult, runEventSchema } from '../run/workflow-payloads';

/**
 * Lambda entry: builds runs/<runId>/report/ (index.html, plots, thumbnails, anomalies.csv) from the run's
 * predictions; the target images are the run config's data.target, loaded as the trainer loaded them.
 */
export async function handler(event: unknown): Promise<ReportResult> {
  return withWorkflowErrors(async () => {
    const { runId, store: uri } = parseEvent(runEventSchema, event, 'anomaly-report');
    const store = openStore(uri);
    const result = await buildReport(store, runId, {
      targetImages: () => loadTargetImages(store, runId),
      logger: createLogger(),
    });
    return { runId, reportUri: result.indexUri, notes: [...result.notes] };
  });
}
