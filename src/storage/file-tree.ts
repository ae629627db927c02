import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BlobInfo } from './blob-store';
import { INTERNAL_PREFIX } from './blob-key';

/** Orders keys as S3 does: by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Every file under `root` whose key starts with `prefix`, in key order, without holding the whole tree:
 * each folder is read, its entries sorted as keys (a folder sorts as `name/`), and visited in that order.
 */
export async function* walkKeys(root: string, prefix: string): AsyncGenerator<BlobInfo> {
  const slash = prefix.lastIndexOf('/');
  const folderKey = prefix.slice(0, slash + 1);
  yield* walkFolder(root, folderKey, prefix.slice(slash + 1));
}

async function* walkFolder(root: string, folderKey: string, namePrefix: string): AsyncGenerator<BlobInfo> {
  const entries = await readFolder(path.join(root, folderKey));
  const visible = entries
    .filter((entry) => entry.name.startsWith(namePrefix))
    .filter((entry) => !(folderKey === '' && `${entry.name}/` === INTERNAL_PREFIX))
    .map((entry) => ({ entry, sortKey: entry.isDirectory() ? `${entry.name}/` : entry.name }))
    .sort((a, b) => compareKeys(a.sortKey, b.sortKey));
  for (const { entry } of visible) {
    const key = folderKey + entry.name;
    if (entry.isDirectory()) {
      yield* walkFolder(root, `${key}/`, '');
    } else if (entry.isFile()) {
      const { size } = await stat(path.join(root, key));
      yield { key, size };
    }
  }
}

async function readFolder(folder: string): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    // A prefix naming a folder that does not exist (yet) simply lists nothing.
    if (isMissing(error)) return [];
    throw error;
  }
}

/** ENOENT, or ENOTDIR when a path component is a file: both mean "no such object". */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
