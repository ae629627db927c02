import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFormatError, InvalidConfigError } from '../../errors';
import type { Dataset } from '../dataset';
import { readGalaxy10Hdf5 } from './galaxy10-hdf5';
import { hasSignature } from './hdf5-header';
import { readImageFolder } from './image-folder';
import { readNpyDataset } from './npy';
import { NPY_MAGIC } from './npy-format';
import type { ReadOptions } from './read-options';

const HDF5_EXTENSIONS = new Set(['.h5', '.hdf5', '.he5']);

/**
 * Reads a dataset from a local path or `file://` URI, choosing the reader by what is there: a folder
 * is read as one subfolder of PNG/JPEG images per class, `.h5`/`.hdf5` as a Galaxy10-style HDF5 file,
 * `.npy` as image and label arrays; any other file by its leading bytes. Objects in S3 must be fetched
 * to a local file first (a BlobStore does that). Throws DataFormatError naming the path for anything
 * the readers refuse, InvalidConfigError for a URI scheme other than file://.
 */
export async function readDataset(pathOrUri: string, options: ReadOptions): Promise<Dataset> {
  const path = localPath(pathOrUri);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new DataFormatError(`${path}: cannot read (${error.code ?? error.message})`, { cause: error });
  });
  if (info.isDirectory()) return readImageFolder(path, options);
  const extension = extname(path).toLowerCase();
  if (HDF5_EXTENSIONS.has(extension)) return readGalaxy10Hdf5(path, options);
  if (extension === '.npy') return readNpyDataset(path, options);
  const head = await leadingBytes(path, 8);
  if (hasSignature(head)) return readGalaxy10Hdf5(path, options);
  if (NPY_MAGIC.every((byte, i) => head[i] === byte)) return readNpyDataset(path, options);
  throw new DataFormatError(`${path}: unrecognised data format: not a folder, an HDF5 file or a .npy file`);
}

function localPath(pathOrUri: string): string {
  if (pathOrUri.startsWith('file://')) return fileURLToPath(pathOrUri);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(pathOrUri)?.[1];
  if (scheme) {
    throw new InvalidConfigError(
      `cannot read ${pathOrUri} directly: only local paths and file:// URIs; fetch ${scheme}:// objects to a local file first`,
    );
  }
  return pathOrUri;
}

async function leadingBytes(path: string, count: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(count);
    await handle.read(buffer, 0, count, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}
