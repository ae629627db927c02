import sharp from 'sharp';
import type { Dataset } from '../../data/dataset';
import { imageSize } from '../../data/dataset';
import { DataFormatError } from '../../errors';

/**
 * One dataset image as a PNG thumbnail, scaled (nearest neighbour, so pixels stay visible) to `size` px.
 * Images with 1 to 4 channels as they are; more channels keep their first three.
 */
export async function thumbnailPng(dataset: Dataset, index: number, size = 96): Promise<Uint8Array> {
  if (!Number.isInteger(index) || index < 0 || index >= dataset.n) {
    throw new DataFormatError(`${dataset.origin}: no image ${index} (the dataset has ${dataset.n})`);
  }
  const bytes = imageSize(dataset);
  const pixels = dataset.images.subarray(index * bytes, (index + 1) * bytes);
  const { width, height } = dataset;
  let channels = dataset.channels;
  let raw = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  if (channels > 4) {
    const all = channels;
    raw = Buffer.from(
      Array.from({ length: width * height * 3 }, (_, j) => pixels[Math.floor(j / 3) * all + (j % 3)]),
    );
    channels = 3;
  }
  const png = await sharp(raw, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } })
    .resize(size, size, { kernel: 'nearest', fit: 'contain' })
    .png()
    .toBuffer();
  return new Uint8Array(png);
}
