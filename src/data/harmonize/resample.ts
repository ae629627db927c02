import sharp from 'sharp';

/** One uint8 HWC image. */
export interface RawImage {
  readonly pixels: Uint8Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** What fills the border where a crop wider than the frame is shrunk into the output. */
export type Padding = 'black' | 'mirror';

/** A crop no wider than the frame takes a whole number of source pixels. */
const croppedSide = (side: number): number => Math.max(1, Math.round(side));

/** A crop wider than the frame shrinks the whole frame into a whole number of output pixels. */
const shrunkSide = (side: number, frame: number, outSide: number): number =>
  Math.max(1, Math.round((outSide * frame) / side));

/** Source pixels per output pixel of cropAndResample(image, side, outSide) on a frame of `frame` pixels. */
export function sourcePixelsPerOutput(side: number, frame: number, outSide: number): number {
  return side <= frame ? croppedSide(side) / outSide : frame / shrunkSide(side, frame, outSide);
}

/**
 * Centre-crops a square of `side` source pixels and resamples it to `outSide` x `outSide` with libvips
 * (sharp). Shrinking uses libvips' reduce, whose kernel widens with the shrink factor, so each output
 * pixel averages the source area it covers; galaxies keep their size and small ones do not alias away.
 * A crop wider than the frame keeps the whole frame, shrunk so the galaxy keeps its angular size, and
 * fills the border with black or with the frame mirrored about its edge (the sky's noise texture, as
 * the shift augmentation fills it). Channels are kept (1 to 4).
 * @returns [outSide, outSide, channels] uint8
 */
export async function cropAndResample(
  image: RawImage,
  side: number,
  outSide: number,
  padding: Padding = 'black',
): Promise<Uint8Array> {
  const { height, width, channels } = image;
  const frame = Math.min(height, width);
  const raw = Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength);
  let pipeline = sharp(raw, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } });
  if (side <= frame) {
    const crop = croppedSide(side);
    const left = Math.floor((width - crop) / 2);
    const top = Math.floor((height - crop) / 2);
    pipeline = pipeline.extract({ left, top, width: crop, height: crop });
    if (crop !== outSide) pipeline = pipeline.resize(outSide, outSide, { kernel: 'linear', fit: 'fill' });
  } else {
    const inner = shrunkSide(side, frame, outSide);
    const left = Math.floor((width - frame) / 2);
    const top = Math.floor((height - frame) / 2);
    const before = Math.floor((outSide - inner) / 2);
    const after = outSide - inner - before;
    const fill =
      padding === 'mirror' ? { extendWith: 'mirror' as const } : { background: { r: 0, g: 0, b: 0 } };
    pipeline = pipeline
      .extract({ left, top, width: frame, height: frame })
      .resize(inner, inner, { kernel: 'linear', fit: 'fill' })
      .extend({ top: before, bottom: after, left: before, right: after, ...fill });
  }
  // libvips treats one band as greyscale but writes sRGB unless told.
  if (channels === 1) pipeline = pipeline.toColourspace('b-w');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) {
    throw new Error(`resampling changed ${channels} channels into ${info.channels}`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
