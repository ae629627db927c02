import { resolveConfigJson } from '../../config/run-config';
import { loadDataSource } from '../../data/load-data-source';
import { readDataset } from '../../data/readers';
import { silentLogger } from '../../logger';
import type { BlobStore } from '../../storage/blob-store';
import { runLayout } from '../../run/run-layout';
import { rowsOfDataset, type TargetImages } from './target-dataset';

/**
 * The target dataset a user names with `report --target`, read with the run's target class list (as
 * the trainer read its target), so its rows line up with the predictions where it is the same data
 * and its fingerprint can be compared with the run's. Without a run config, read as it is.
 */
export async function loadNamedTarget(store: BlobStore, runId: string, uri: string): Promise<TargetImages> {
  const key = runLayout.config(runId);
  if (!(await store.exists(key))) {
    const dataset = await readDataset(uri, { domain: 'target' });
    return { dataset, rows: rowsOfDataset(dataset) };
  }
  const config = resolveConfigJson(await store.getText(key));
  const dataset = await loadDataSource(
    { kind: 'uri', uri },
    {
      ...{ domain: 'target', classes: config.classes.target, store, logger: silentLogger },
      imageSize: config.model.imageSize,
    },
  );
  return { dataset, rows: rowsOfDataset(dataset) };
}
