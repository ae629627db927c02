import { rename, rm } from 'node:fs/promises';
import sharp from 'sharp';
import { InvalidConfigError } from '../errors';
import type { Dataset } from './dataset';

export interface ContactSheetOptions {
  /** Images shown per class (the first ones of that class). @default 10 */
  readonly perClass?: number;
  /** Thumbnail side in pixels; small cutouts are enlarged with nearest-neighbour so pixels stay visible. @default max(64, image size) */
  readonly thumbnailSize?: number;
  /** A line of text above the rows, e.g. the survey and seed. */
  readonly title?: string;
}

const LABEL_WIDTH = 190;
const GAP = 2;
const TITLE_HEIGHT = 28;

/**
 * Writes a PNG contact sheet of a dataset: one row per class, labelled with the class name and its
 * count, so a person can see what each label looks like. Written to a temporary file, then renamed.
 */
export async function writeContactSheet(
  dataset: Dataset,
  path: string,
  options: ContactSheetOptions = {},
): Promise<void> {
  const perClass = options.perClass ?? 10;
  const thumb = options.thumbnailSize ?? Math.max(64, dataset.width);
  if (dataset.channels !== 3 && dataset.channels !== 1) {
    throw new InvalidConfigError(
      `contact sheet needs 1 or 3 channels, got ${dataset.channels} (${dataset.origin})`,
    );
  }
  const rows = dataset.classNames.map((_, k) => indicesOfClass(dataset, k));
  const width = LABEL_WIDTH + perClass * (thumb + GAP);
  const height = TITLE_HEIGHT + rows.length * (thumb + GAP);
  const canvas = new Uint8Array(width * height * 3);
  rows.forEach((indices, row) =>
    indices.slice(0, perClass).forEach((index, column) => {
      const x0 = LABEL_WIDTH + column * (thumb + GAP);
      const y0 = TITLE_HEIGHT + row * (thumb + GAP);
      blitNearest(dataset, index, canvas, width, x0, y0, thumb);
    }),
  );
  const labels = labelOverlay(dataset, rows, width, height, thumb, options.title);
  const temporary = `${path}.tmp-${process.pid}-${Date.now()}.png`;
  try {
    await sharp(canvas, { raw: { width, height, channels: 3 } })
      .composite([{ input: Buffer.from(labels), top: 0, left: 0 }])
      .png()
      .toFile(temporary);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function indicesOfClass(dataset: Dataset, k: number): number[] {
  const indices: number[] = [];
  for (let i = 0; i < dataset.n; i++) if (dataset.labels[i] === k) indices.push(i);
  return indices;
}

/** Copies image `index` into the RGB canvas at (x0, y0), scaled to thumb x thumb by nearest neighbour. */
function blitNearest(
  dataset: Dataset,
  index: number,
  canvas: Uint8Array,
  canvasWidth: number,
  x0: number,
  y0: number,
  thumb: number,
): void {
  const { width, height, channels } = dataset;
  const base = index * width * height * channels;
  for (let y = 0; y < thumb; y++) {
    const sy = Math.floor((y * height) / thumb);
    for (let x = 0; x < thumb; x++) {
      const source = base + (sy * width + Math.floor((x * width) / thumb)) * channels;
      const target = ((y0 + y) * canvasWidth + x0 + x) * 3;
      for (let c = 0; c < 3; c++) canvas[target + c] = dataset.images[source + (channels === 3 ? c : 0)];
    }
  }
}

function labelOverlay(
  dataset: Dataset,
  rows: number[][],
  width: number,
  height: number,
  thumb: number,
  title?: string,
): string {
  const text = rows.map((indices, row) => {
    const y = TITLE_HEIGHT + row * (thumb + GAP) + thumb / 2;
    return `<text x="8" y="${y}" font-family="DejaVu Sans, sans-serif" font-size="14" fill="#e8e8e8">${escapeXml(dataset.classNames[row])}</text>
      <text x="8" y="${y + 18}" font-family="DejaVu Sans, sans-serif" font-size="11" fill="#9a9a9a">${indices.length} images</text>`;
  });
  const heading = `<text x="8" y="19" font-family="DejaVu Sans, sans-serif" font-size="14" fill="#ffffff">${escapeXml(title ?? dataset.origin)}</text>`;
  return `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${heading}${text.join('')}</svg>`;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
