import { createHash } from 'node:crypto';
import { imageSize, type Dataset } from './dataset';

/** Rows whose pixels enter the fingerprint: enough to tell two surveys of the same galaxies apart. */
const FINGERPRINT_IMAGES = 16;

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * A short, stable identity of a dataset as it was read: its shape, class names, every label and sky
 * coordinate, and the pixels of its first rows (sha256, hex, first 16 characters). Two reads of the same
 * file with the same class selection agree; a different file almost surely does not, even one of the
 * same galaxies (same labels and ra/dec) imaged by another instrument. Recorded in every prediction file,
 * so a report can refuse a target dataset the run was not trained on.
 */
export function datasetFingerprint(dataset: Dataset): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify([dataset.n, dataset.height, dataset.width, dataset.channels, dataset.classNames]),
  );
  hash.update(bytesOf(dataset.labels));
  for (const column of [dataset.ra, dataset.dec]) {
    hash.update(column ? bytesOf(column) : new Uint8Array(0));
    hash.update('|');
  }
  const rows = Math.min(dataset.n, FINGERPRINT_IMAGES);
  hash.update(dataset.images.subarray(0, rows * imageSize(dataset)));
  return hash.digest('hex').slice(0, 16);
}
