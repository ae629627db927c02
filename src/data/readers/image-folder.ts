import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import sharp from 'sharp';
import { DataFormatError } from '../../errors';
import type { Dataset } from '../dataset';
import { finishDataset, type ReadOptions } from './read-options';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
/** Decodes in flight at once: enough to keep sharp's thread pool busy without holding many files. */
const DECODE_CONCURRENCY = 8;

interface DecodedImage {
  readonly pixels: Uint8Array;
  readonly height: number;
  readonly width: number;
}

/**
 * Reads a folder of PNG or JPEG images with one subfolder per class (`<root>/<class>/<image>`),
 * decoded to RGB (C = 3). Labels follow `options.classNames` when given (which must name exactly the
 * subfolders), else the subfolders in alphabetical order. Files that are not .png/.jpg/.jpeg are
 * ignored (folders often hold a README or a .DS_Store). Throws DataFormatError naming the file for an
 * image that does not decode or differs in size from the first, and for the checks every reader shares.
 */
export async function readImageFolder(root: string, options: ReadOptions): Promise<Dataset> {
  const folders = await classFolders(root);
  const classNames = orderClasses(folders, options.classNames, root);
  const files: { path: string; label: number }[] = [];
  for (const [label, name] of classNames.entries()) {
    const entries = await readdir(join(root, name), { withFileTypes: true });
    const images = entries
      .filter((entry) => entry.isFile() && IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
      .map((entry) => entry.name)
      .sort();
    for (const image of images) files.push({ path: join(root, name, image), label });
  }
  if (files.length === 0) throw new DataFormatError(`${root}: no .png or .jpg images in its class folders`);
  const decoded = await decodeAll(files.map((file) => file.path));
  const { height, width } = decoded[0];
  const imageBytes = height * width * 3;
  const pixels = new Uint8Array(files.length * imageBytes);
  decoded.forEach((image, i) => {
    if (image.height !== height || image.width !== width) {
      throw new DataFormatError(
        `${files[i].path}: wrong image size: ${image.height}x${image.width}, the folder's images are ${height}x${width} (${files[0].path})`,
      );
    }
    pixels.set(image.pixels, i * imageBytes);
  });
  return finishDataset(
    {
      images: pixels,
      n: files.length,
      height,
      width,
      channels: 3,
      labels: Int32Array.from(files, (file) => file.label),
      classNames,
      origin: root,
    },
    // The folder names are the class list; an expected list has already ordered them above.
    { ...options, classNames: undefined },
  );
}

async function classFolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new DataFormatError(`${root}: cannot read folder (${error.code ?? error.message})`, {
      cause: error,
    });
  });
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

function orderClasses(folders: string[], expected: readonly string[] | undefined, root: string): string[] {
  if (!expected) return folders;
  const same = expected.length === folders.length && expected.every((name) => folders.includes(name));
  if (!same) {
    throw new DataFormatError(
      `${root}: class list mismatch: class folders are [${folders.join(', ')}], expected [${expected.join(', ')}]`,
    );
  }
  return [...expected];
}

async function decodeAll(paths: string[]): Promise<DecodedImage[]> {
  const decoded: DecodedImage[] = new Array(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      decoded[i] = await decodeRgb(paths[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DECODE_CONCURRENCY, paths.length) }, worker));
  return decoded;
}

async function decodeRgb(path: string): Promise<DecodedImage> {
  try {
    const { data, info } = await sharp(path)
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return {
      pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
      height: info.height,
      width: info.width,
    };
  } catch (error) {
    throw new DataFormatError(`${path}: cannot decode image (${(error as Error).message})`, { cause: error });
  }
}
