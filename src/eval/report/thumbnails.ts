import sharp from 'sharp';
import type { Dataset } from '../../data/dataset';
import { imageSize } from '../../data/dataset';
import { DataFormatError } from '../../errors';

/** The side a thumbnail aims at on the page, in px. */
export const THUMBNAIL_SIDE = 160;

/** RGB of pixel `p` of an image with any channel count: grey for one band, the first three for more. */
function rgbOf(pixels: Uint8Array, p: number, channels: number): [number, number, number] {
  const at = p * channels;
  if (channels === 1) return [pixels[at], pixels[at], pixels[at]];
  if (channels === 2) return [pixels[at], pixels[at + 1], (pixels[at] + pixels[at + 1]) >> 1];
  return [pixels[at], pixels[at + 1], pixels[at + 2]];
}

/**
 * Upsamples by an integer factor (nearest neighbour) and darkens the last row and column of each
 * source pixel's block, so the grid of the model's input pixels stays visible.
 */
function griddedRgb(pixels: Uint8Array, width: number, height: number, channels: number, factor: number) {
  const out = Buffer.alloc(width * factor * height * factor * 3);
  for (let y = 0; y < height * factor; y++) {
    for (let x = 0; x < width * factor; x++) {
      const rgb = rgbOf(pixels, Math.floor(y / factor) * width + Math.floor(x / factor), channels);
      const edge = factor >= 4 && (x % factor === factor - 1 || y % factor === factor - 1);
      const o = (y * width * factor + x) * 3;
      for (let k = 0; k < 3; k++) out[o + k] = edge ? Math.round(rgb[k] * 0.55 + 25) : rgb[k];
    }
  }
  return out;
}

/**
 * One dataset image as a PNG for the gallery: images smaller than `side` are upsampled by the largest
 * integer factor that fits, with the pixel grid drawn, so a reader sees what the model saw; larger
 * ones (an original cutout) are shown as they are, at most `side` px.
 * @returns the PNG and its size in px
 */
export async function thumbnailPng(
  dataset: Dataset,
  index: number,
  side = THUMBNAIL_SIDE,
): Promise<{ png: Uint8Array; width: number; height: number }> {
  if (!Number.isInteger(index) || index < 0 || index >= dataset.n) {
    throw new DataFormatError(`${dataset.origin}: no image ${index} (the dataset has ${dataset.n})`);
  }
  const bytes = imageSize(dataset);
  const pixels = dataset.images.subarray(index * bytes, (index + 1) * bytes);
  const { width, height, channels } = dataset;
  const factor = Math.max(1, Math.floor(side / Math.max(width, height)));
  const raw = griddedRgb(pixels, width, height, channels, factor);
  let image = sharp(raw, { raw: { width: width * factor, height: height * factor, channels: 3 } });
  let [w, h] = [width * factor, height * factor];
  if (Math.max(w, h) > side) {
    image = image.resize(side, side, { fit: 'inside' });
    const scale = side / Math.max(w, h);
    [w, h] = [Math.round(w * scale), Math.round(h * scale)];
  }
  return { png: new Uint8Array(await image.png().toBuffer()), width: w, height: h };
}
