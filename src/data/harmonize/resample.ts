import sharp from 'sharp';

/** One uint8 HWC image. */
export interface RawImage {
  readonly pixels: Uint8Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/**
 * Centre-crops a square of `side` source pixels and resamples it to `outSide` x `outSide` with libvips
 * (sharp). Shrinking uses libvips' reduce, whose kernel widens with the shrink factor, so each output
 * pixel averages the source area it covers; galaxies keep their size and small ones do not alias away.
 * A crop wider than the frame keeps the whole frame and pads it with black, so the galaxy keeps its
 * angular size. Channels are kept (1 to 4).
 * @returns [outSide, outSide, channels] uint8
 */
export async function cropAndResample(image: RawImage, side: number, outSide: number): Promise<Uint8Array> {
  const { height, width, channels } = image;
  const frame = Math.min(height, width);
  const raw = Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength);
  let pipeline = sharp(raw, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } });
  if (side <= frame) {
    const crop = Math.max(1, Math.round(side));
    const left = Math.floor((width - crop) / 2);
    const top = Math.floor((height - crop) / 2);
    pipeline = pipeline.extract({ left, top, width: crop, height: crop });
    if (crop !== outSide) pipeline = pipeline.resize(outSide, outSide, { kernel: 'linear', fit: 'fill' });
  } else {
    const inner = Math.max(1, Math.round((outSide * frame) / side));
    const left = Math.floor((width - frame) / 2);
    const top = Math.floor((height - frame) / 2);
    const before = Math.floor((outSide - inner) / 2);
    const after = outSide - inner - before;
    pipeline = pipeline
      .extract({ left, top, width: frame, height: frame })
      .resize(inner, inner, { kernel: 'linear', fit: 'fill' })
      .extend({ top: before, bottom: after, left: before, right: after, background: { r: 0, g: 0, b: 0 } });
  }
  // libvips treats one band as greyscale but writes sRGB unless told.
  if (channels === 1) pipeline = pipeline.toColourspace('b-w');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) {
    throw new Error(`resampling changed ${channels} channels into ${info.channels}`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
