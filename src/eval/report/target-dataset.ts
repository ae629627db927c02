import type { Dataset } from '../../data/dataset';
import { loadDataSource } from '../../data/load-data-source';
import { resolveConfigJson } from '../../config/run-config';
import { DataFormatError, InvalidConfigError, NotFoundError } from '../../errors';
import { silentLogger } from '../../logger';
import type { BlobStore } from '../../storage/blob-store';
import { runLayout } from '../../run/run-layout';

/** The target dataset for thumbnails and sky coordinates, or why there is none. */
export interface TargetImages {
  readonly dataset?: Dataset;
  /** Said on the page when the gallery has no thumbnails. */
  readonly note?: string;
}

/**
 * Loads the run's target data as the trainer did (config.json's `data.target` and `classes.target`),
 * so the indices in the prediction files point at the same images. A missing or unusable config or
 * dataset gives a note instead of an error: the report is still worth having without thumbnails.
 * Transient errors propagate.
 */
export async function loadTargetImages(store: BlobStore, runId: string): Promise<TargetImages> {
  const key = runLayout.config(runId);
  if (!(await store.exists(key))) return { note: `${key} is missing, so the target images are unknown` };
  try {
    const config = resolveConfigJson(await store.getText(key));
    const dataset = await loadDataSource(config.data.target, {
      domain: 'target',
      classes: config.classes.target,
      store,
      logger: silentLogger,
    });
    return { dataset };
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
