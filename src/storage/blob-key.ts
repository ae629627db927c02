import { InvalidConfigError } from '../errors';

/**
 * Keys under this folder of a store hold the stores' own bookkeeping (temporary uploads, md5 sidecars).
 * Callers may not write there and listings never show it.
 */
export const INTERNAL_PREFIX = '.deepastro-store/';

/**
 * Checks a caller's key: '/'-separated, relative, no empty, '.' or '..' segments, no backslashes, and
 * outside the internal folder. Keys map to file paths in the file store, so this is what keeps a key
 * from escaping the store's root.
 */
export function assertValidKey(key: string): void {
  const problem = blobKeyProblem(key);
  if (problem !== undefined) throw new InvalidConfigError(`invalid blob key '${key}': ${problem}`);
}

/** Temporary uploads, published by copy or rename; one left behind is stale once its writer is gone. */
export const STORE_TEMPORARY_PREFIX = `${INTERNAL_PREFIX}tmp/`;

/** Why `key` is not a valid key (see assertValidKey), or undefined when it is. */
export function blobKeyProblem(key: string): string | undefined {
  if (key === '') return 'key is empty';
  if (key.startsWith('/')) return 'key must be relative (no leading /)';
  if (key.endsWith('/')) return 'key names a folder (trailing /)';
  if (key.includes('\\')) return 'key may not contain backslashes';
  if (key.includes('\0')) return 'key may not contain NUL';
  if (key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return "key may not contain empty, '.' or '..' segments";
  }
  if (key.startsWith(INTERNAL_PREFIX)) return `keys under ${INTERNAL_PREFIX} are reserved for the store`;
  return undefined;
}

/** Listing prefixes are looser than keys: empty or ending in '/' is fine, but no escaping the root. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  if (
    prefix.startsWith('/') ||
    prefix.includes('\\') ||
    prefix.split('/').some((s) => s === '.' || s === '..')
  ) {
    throw new InvalidConfigError(
      `invalid list prefix '${prefix}': must be relative, without '.' or '..' segments`,
    );
  }
}
