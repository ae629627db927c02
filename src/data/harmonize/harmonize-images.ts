import { cropSide, type Harmonization } from './harmonization';
import { cropAndResample } from './resample';

/** A block of consecutive images, as read from a file. */
export interface ImageBlock {
  /** [n, height, width, channels] uint8 */
  readonly pixels: Uint8Array;
  readonly n: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** [n] arcsec per pixel of each image, where the file has them. */
  readonly pixelScales?: ArrayLike<number>;
}

/**
 * Crops and resamples every image of a block to `outSide` px (harmonization.ts), all at once: sharp
 * runs them on its own thread pool, so the block's images resample in parallel.
 * @returns [n, outSide, outSide, channels] uint8
 */
export async function harmonizeBlock(
  block: ImageBlock,
  harmonization: Harmonization,
  outSide: number,
  origin: string,
): Promise<Uint8Array> {
  const { n, height, width, channels } = block;
  const inBytes = height * width * channels;
  const outBytes = outSide * outSide * channels;
  const out = new Uint8Array(n * outBytes);
  const frame = Math.min(height, width);
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const side = cropSide(harmonization, frame, block.pixelScales?.[i], origin);
      const pixels = block.pixels.subarray(i * inBytes, (i + 1) * inBytes);
      out.set(await cropAndResample({ pixels, height, width, channels }, side, outSide), i * outBytes);
    }),
  );
  return out;
}
