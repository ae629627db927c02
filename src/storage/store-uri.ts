import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidConfigError } from '../errors';

/** Where a store lives, parsed from its URI. */
export type StoreLocation =
  | { readonly kind: 'file'; readonly root: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string };

/** A URI scheme of two or more letters; one letter would be a Windows drive such as `C:`. */
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]+):/;

/**
 * Parses `file:///abs/path`, a plain local path (made absolute against the working directory), or
 * `s3://bucket/prefix`. The S3 prefix never has leading or trailing slashes.
 */
export function parseStoreUri(uri: string): StoreLocation {
  const trimmed = uri.trim();
  if (trimmed === '')
    throw new InvalidConfigError('store URI is empty; use file:///path, a local path or s3://bucket/prefix');
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'file', root: path.resolve(trimmed) };
  if (scheme === 'file') return { kind: 'file', root: fileRoot(trimmed) };
  if (scheme === 's3') return s3Location(trimmed);
  throw new InvalidConfigError(
    `store URI '${uri}' has unsupported scheme '${scheme}:'; use file:///path, a local path or s3://bucket/prefix`,
  );
}

function fileRoot(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch (error) {
    throw new InvalidConfigError(`store URI '${uri}' is not a valid file URI: ${(error as Error).message}`);
  }
}

/** S3 bucket names: 3-63 lowercase letters, digits, dots and hyphens. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function s3Location(uri: string): StoreLocation {
  const rest = uri.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const prefix = slash === -1 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, '');
  if (!BUCKET.test(bucket)) {
    throw new InvalidConfigError(`store URI '${uri}' has invalid bucket name '${bucket}'`);
  }
  return { kind: 's3', bucket, prefix };
}
