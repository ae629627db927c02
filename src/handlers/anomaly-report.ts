import { buildReport } from '../eval/report/build-report';
import { loadTargetImages } from '../eval/report/target-dataset';
import { createLogger } from '../logger';
import { openStore } from '../storage/open-store';
import { parseEvent, withWorkflowErrors } from './error-mapping';
import { runEventSchema } from './run-event';

export interface AnomalyReportResponse {
  readonly runId: string;
  readonly reportUri: string;
  /** What the page says the reader should know, e.g. why there are no thumbnails. */
  readonly notes: readonly string[];
}

/**
 * Lambda entry: builds runs/<runId>/report/ (index.html, plots, thumbnails, anomalies.csv) from the run's
 * predictions; the target images are the run config's data.target, loaded as the trainer loaded them.
 */
export async function handler(event: unknown): Promise<AnomalyReportResponse> {
  return withWorkflowErrors(async () => {
    const { runId, store: uri } = parseEvent(runEventSchema, event, 'anomaly-report');
    const store = openStore(uri);
    const result = await buildReport(store, runId, {
      targetImages: () => loadTargetImages(store, runId),
      logger: createLogger(),
    });
    return { runId, reportUri: result.indexUri, notes: result.notes };
  });
}
