import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Deletes the files in `folder` not modified for `olderThanMs`: temporaries of writers killed mid-write
 * (an ingest stopped mid-download), which nothing else would ever remove.
 */
export async function removeStaleTemporaries(folder: string, olderThanMs: number): Promise<void> {
  const cutoff = Date.now() - olderThanMs;
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(folder, name);
      const stats = await stat(file).catch(() => undefined);
      if (stats !== undefined && stats.mtimeMs < cutoff) await rm(file, { force: true, recursive: true });
    }),
  );
}
