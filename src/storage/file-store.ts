import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { NotFoundError } from '../errors';
import type { BlobInfo, BlobStore, PutOptions } from './blob-store';
import { INTERNAL_PREFIX, STORE_TEMPORARY_PREFIX, assertValidKey, assertValidPrefix } from './blob-key';
import { isMissing, walkKeys } from './file-tree';
import { fileStoreAccessError } from './file-store-errors';
import { removeStaleTemporaries } from './stale-temporaries';
import { Md5Stream, verifiedBody } from './md5-stream';

/**
 * The md5 of a file, kept beside the store's files rather than in xattrs (not portable). It records the
 * size and mtime it was computed for, so a file changed behind the store's back reports no md5 instead
 * of a wrong one.
 */
const Md5Sidecar = z.object({ md5: z.string(), size: z.number(), mtimeMs: z.number() });

/** A BlobStore on a local folder. Writes go to a temporary file in the same folder tree, then rename. */
/** A temporary file untouched this long belongs to a writer that is gone: a live one keeps writing to it. */
export const STALE_TEMPORARY_MS = 60 * 60 * 1000;

export class FileStore implements BlobStore {
  readonly uri: string;

  /** The first write of this store removes what killed writers left in its temporary folder. */
  private swept?: Promise<void>;

  constructor(readonly root: string) {
    this.uri = pathToFileURL(root).href;
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<BlobInfo> {
    assertValidKey(key);
    const { bytes, md5 } = verifiedBody(key, body, options.expectedMd5);
    return this.viaTemporary(key, async (temp) => {
      await writeFile(temp, bytes);
      return this.publish(temp, key, md5);
    });
  }

  async putIfAbsent(
    key: string,
    body: Uint8Array | string,
    options: PutOptions = {},
  ): Promise<BlobInfo | undefined> {
    assertValidKey(key);
    const { bytes, md5 } = verifiedBody(key, body, options.expectedMd5);
    return this.viaTemporary(key, async (temp) => {
      await writeFile(temp, bytes);
      const target = this.pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      // link, unlike rename, fails when the target exists: the first writer wins, whole.
      const created = await link(temp, target).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') return false;
          throw error;
        },
      );
      if (!created) return undefined;
      const { size, mtimeMs } = await stat(target);
      await this.writeSidecar(key, { md5, size, mtimeMs });
      return { key, size, md5 };
    });
  }

  async putStream(key: string, body: Readable, options: PutOptions = {}): Promise<BlobInfo> {
    assertValidKey(key);
    return this.viaTemporary(key, async (temp) => {
      const hashing = new Md5Stream(options.expectedMd5, key);
      await pipeline(body, hashing, createWriteStream(temp));
      return this.publish(temp, key, hashing.md5);
    });
  }

  /**
   * Runs `write` on a fresh temporary path of this store, removed afterwards whatever happened (a
   * published file was moved or linked away from it); failures become the store's access errors.
   */
  private async viaTemporary<T>(key: string, write: (temp: string) => Promise<T>): Promise<T> {
    try {
      const temp = await this.tempPath();
      try {
        return await write(temp);
      } finally {
        await rm(temp, { force: true });
      }
    } catch (error) {
      throw await fileStoreAccessError(error, this.root, this.uri, key);
    }
  }

  async get(key: string): Promise<Uint8Array> {
    assertValidKey(key);
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      throw this.notFoundOr(error, key);
    }
  }

  async getText(key: string): Promise<string> {
    return Buffer.from(await this.get(key)).toString('utf8');
  }

  async stream(key: string): Promise<Readable> {
    assertValidKey(key);
    try {
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (error) {
      throw this.notFoundOr(error, key);
    }
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    assertValidKey(key);
    const stats = await stat(this.pathOf(key)).catch(async (error: unknown) => {
      if (isMissing(error)) return undefined;
      throw await fileStoreAccessError(error, this.root, this.uri, key);
    });
    if (stats === undefined || !stats.isFile()) return undefined;
    const sidecar = await this.readSidecar(key);
    const current = sidecar?.size === stats.size && sidecar.mtimeMs === stats.mtimeMs;
    return { key, size: stats.size, ...(current ? { md5: sidecar.md5 } : {}) };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  list(prefix: string): AsyncIterable<BlobInfo> {
    assertValidPrefix(prefix);
    return walkKeys(this.root, prefix);
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await rm(this.pathOf(key), { force: true });
    await rm(this.sidecarPath(key), { force: true });
    await this.removeEmptyFolders(path.dirname(this.pathOf(key)));
  }

  /** Like an object store, a folder has no existence of its own: drop the ones a delete emptied. */
  private async removeEmptyFolders(folder: string): Promise<void> {
    for (let current = folder; current.startsWith(this.root + path.sep); current = path.dirname(current)) {
      try {
        await rmdir(current);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOENT') return;
        throw error;
      }
    }
  }

  uriOf(key: string): string {
    assertValidKey(key);
    return pathToFileURL(this.pathOf(key)).href;
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }

  private sidecarPath(key: string): string {
    return path.join(this.root, INTERNAL_PREFIX, 'md5', `${key}.json`);
  }

  private async tempPath(): Promise<string> {
    const folder = path.join(this.root, ...STORE_TEMPORARY_PREFIX.split('/'));
    await mkdir(folder, { recursive: true });
    this.swept ??= removeStaleTemporaries(folder, STALE_TEMPORARY_MS);
    await this.swept;
    return path.join(folder, randomUUID());
  }

  /**
   * The sidecar goes first so the file appears with its md5 already known; rename within one file
   * system is atomic and keeps the mtime the sidecar records.
   */
  private async publish(temp: string, key: string, md5: string): Promise<BlobInfo> {
    const { size, mtimeMs } = await stat(temp);
    await this.writeSidecar(key, { md5, size, mtimeMs });
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(temp, target);
    return { key, size, md5 };
  }

  private async writeSidecar(key: string, sidecar: z.infer<typeof Md5Sidecar>): Promise<void> {
    const sidecarPath = this.sidecarPath(key);
    await mkdir(path.dirname(sidecarPath), { recursive: true });
    const sidecarTemp = await this.tempPath();
    await writeFile(sidecarTemp, JSON.stringify(sidecar));
    await rename(sidecarTemp, sidecarPath);
  }

  private async readSidecar(key: string): Promise<z.infer<typeof Md5Sidecar> | undefined> {
    try {
      const parsed = Md5Sidecar.safeParse(JSON.parse(await readFile(this.sidecarPath(key), 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch (error) {
      // No sidecar, or a torn one from a crash: the md5 is simply unknown.
      if (isMissing(error) || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  private notFoundOr(error: unknown, key: string): unknown {
    return isMissing(error) ? new NotFoundError(`no object '${key}' in ${this.uri}`) : error;
  }
}
