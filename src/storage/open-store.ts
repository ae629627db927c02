import type { BlobStore } from './blob-store';
import { FileStore } from './file-store';
import { S3Store, type S3StoreOptions } from './s3-store';
import { parseStoreUri } from './store-uri';

export type OpenStoreOptions = S3StoreOptions;

/**
 * Opens the store a URI names: `file:///abs/path`, a plain local path, or `s3://bucket/prefix` (against
 * AWS, or the S3-compatible server in AWS_ENDPOINT_URL). Opening touches nothing; a local folder is
 * created on the first write. Throws InvalidConfigError for any other URI.
 */
export function openStore(uri: string, options: OpenStoreOptions = {}): BlobStore {
  const location = parseStoreUri(uri);
  return location.kind === 'file'
    ? new FileStore(location.root)
    : new S3Store(location.bucket, location.prefix, options);
}

/**
 * The store holding one object and the object's key, from the object's URI: `s3://bucket/a/b.h5` is key
 * `b.h5` in `s3://bucket/a`.
 */
export function openObjectUri(
  uri: string,
  options: OpenStoreOptions = {},
): { store: BlobStore; key: string } {
  const slash = uri.lastIndexOf('/');
  return { store: openStore(uri.slice(0, slash), options), key: uri.slice(slash + 1) };
}
