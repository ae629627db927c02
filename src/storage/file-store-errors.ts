import { stat } from 'node:fs/promises';
import { InvalidConfigError } from '../errors';

const WHY: Readonly<Record<string, string>> = {
  ENOTDIR: 'a path in it is a file, not a folder',
  EEXIST: 'a path in it is a file, not a folder',
  EISDIR: 'the key is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
};

/**
 * A file-system error that says the store itself is unusable (its root is a file, a folder is
 * read-only, the disk is full) becomes one InvalidConfigError naming the store and the cause, which
 * the CLI prints as one line; any other error is returned as it is.
 */
export async function fileStoreAccessError(
  error: unknown,
  root: string,
  storeUri: string,
  key: string,
): Promise<unknown> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !(code in WHY)) return error;
  const rootIsFile = await stat(root).then(
    (stats) => !stats.isDirectory(),
    () => false,
  );
  const why = rootIsFile ? 'it is a file, not a folder' : WHY[code];
  return new InvalidConfigError(`store ${storeUri}: cannot use ${key}: ${why} (${code})`, { cause: error });
}
