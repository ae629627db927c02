import type { Dataset } from '../../data/dataset';
import { openTargetRows, type TargetRows } from '../../data/target-rows';
import { resolveConfigJson } from '../../config/run-config';
import { DataFormatError, InvalidConfigError, NotFoundError } from '../../errors';
import { silentLogger } from '../../logger';
import type { BlobStore } from '../../storage/blob-store';
import { runLayout } from '../../run/run-layout';

export type { TargetRows } from '../../data/target-rows';
export { rowsOfDataset } from '../../data/target-rows';

/** The target rows for thumbnails and sky coordinates, or why there are none. */
export interface TargetImages {
  /** The run's target set: count, ra/dec, and the images of the rows shown, read when asked for. */
  readonly rows?: TargetRows;
  /** A whole target dataset a user named (`report --target`), for the fingerprint check. */
  readonly dataset?: Dataset;
  /** Said on the page when the gallery has no thumbnails. */
  readonly note?: string;
}

/**
 * Opens the run's target data as the trainer read it (config.json's `data.target`, `classes.target`
 * and `model.imageSize`), so the indices in the prediction files point at the same images; only the
 * rows the report shows are read later. A missing or unusable config or dataset, or a simulated
 * target (never simulated again here), gives a note instead of an error: the report is still worth
 * having without thumbnails. Transient errors propagate.
 */
export async function loadTargetImages(store: BlobStore, runId: string): Promise<TargetImages> {
  const key = runLayout.config(runId);
  if (!(await store.exists(key))) return { note: `${key} is missing, so the target images are unknown` };
  try {
    const config = resolveConfigJson(await store.getText(key));
    const rows = await openTargetRows(config.data.target, {
      domain: 'target',
      classes: config.classes.target,
      imageSize: config.model.imageSize,
      store,
      logger: silentLogger,
    });
    return { rows };
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      return {
        note: `${key} is not a usable run config, so the target images are unknown: ${error.message}`,
      };
    }
    if (error instanceof DataFormatError || error instanceof NotFoundError) {
      return { note: `the target images could not be read: ${error.message}` };
    }
    throw error;
  }
}
