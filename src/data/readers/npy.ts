import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DataFormatError } from '../../errors';
import type { Dataset } from '../dataset';
import { parseNpy } from './npy-format';
import { finishDataset, type ReadOptions } from './read-options';

/**
 * Reads `.npy` images, uint8 [N,H,W,C] or [N,H,W] (grayscale, read as C = 1), with their labels,
 * an integer [N] `.npy` (`options.labelsPath`, by default `labels.npy` beside `images.npy`, else
 * `<stem>_labels.npy`). .npy files carry no class names: give them as `options.classNames`.
 * Throws DataFormatError naming the file for a wrong rank or dtype, mismatched lengths, and the
 * checks every reader shares (labels in range, class list, empty class, image size).
 */
export async function readNpyDataset(imagesPath: string, options: ReadOptions): Promise<Dataset> {
  const labelsPath = options.labelsPath ?? defaultLabelsPath(imagesPath);
  const images = parseNpy(await readBytes(imagesPath), imagesPath);
  const labels = parseNpy(await readBytes(labelsPath), labelsPath);
  if (images.shape.length !== 3 && images.shape.length !== 4) {
    throw new DataFormatError(
      `${imagesPath}: images have rank ${images.shape.length} [${images.shape}], expected [N,H,W,C] or [N,H,W]`,
    );
  }
  if (images.dtype !== 'u1') {
    throw new DataFormatError(`${imagesPath}: images have dtype ${images.dtype}, expected uint8 ('|u1')`);
  }
  if (labels.shape.length !== 1) {
    throw new DataFormatError(
      `${labelsPath}: labels have rank ${labels.shape.length} [${labels.shape}], expected [N]`,
    );
  }
  const [n, height, width, channels = 1] = images.shape;
  if (labels.shape[0] !== n) {
    throw new DataFormatError(`${labelsPath}: ${labels.shape[0]} labels for ${n} images in ${imagesPath}`);
  }
  return finishDataset(
    {
      images: images.data as Uint8Array,
      n,
      height,
      width,
      channels,
      labels: Int32Array.from(labels.data as ArrayLike<number | bigint>, Number),
      origin: imagesPath,
    },
    options,
  );
}

/** `labels.npy` beside `images.npy`; `<stem>_labels.npy` beside any other name. */
export function defaultLabelsPath(imagesPath: string): string {
  const name = basename(imagesPath, '.npy');
  const labels =
    name === 'images'
      ? 'labels'
      : name.endsWith('_images')
        ? `${name.slice(0, -7)}_labels`
        : `${name}_labels`;
  return join(dirname(imagesPath), `${labels}.npy`);
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new DataFormatError(`${path}: cannot read (${code})`, { cause: error });
  }
}
