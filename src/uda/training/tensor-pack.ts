import { z } from 'zod';
import { DataFormatError } from '../../errors';

/** A float32 array with its shape, as checkpoints hold weights, momentum buffers and memory banks. */
export interface ShapedArray {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

export type NamedArrays = Readonly<Record<string, ShapedArray>>;

export const packEntrySchema = z.strictObject({
  name: z.string().min(1),
  shape: z.array(z.number().int().nonnegative()),
  /** Offset and length in float32 elements. */
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
});
export type PackEntry = z.infer<typeof packEntrySchema>;

/** Concatenates arrays into one little-endian float32 buffer and a manifest of where each lies. */
export function packArrays(arrays: NamedArrays): { bytes: Uint8Array; manifest: PackEntry[] } {
  const manifest: PackEntry[] = [];
  let offset = 0;
  for (const [name, { shape, values }] of Object.entries(arrays)) {
    manifest.push({ name, shape: [...shape], offset, length: values.length });
    offset += values.length;
  }
  const all = new Float32Array(offset);
  for (const entry of manifest) all.set(arrays[entry.name].values, entry.offset);
  return { bytes: new Uint8Array(all.buffer), manifest };
}

/** The inverse of packArrays. @param origin names the object in errors */
export function unpackArrays(
  bytes: Uint8Array,
  manifest: readonly PackEntry[],
  origin: string,
): Record<string, ShapedArray> {
  if (bytes.byteLength % 4 !== 0)
    throw new DataFormatError(`${origin}: ${bytes.byteLength} bytes is not whole float32 values`);
  const all = new Float32Array(bytes.slice().buffer);
  const arrays: Record<string, ShapedArray> = {};
  for (const entry of manifest) {
    const size = entry.shape.reduce((product, extent) => product * extent, 1);
    if (size !== entry.length || entry.offset + entry.length > all.length) {
      throw new DataFormatError(
        `${origin}: entry ${entry.name} [${entry.shape}] does not fit the ${all.length} stored values`,
      );
    }
    arrays[entry.name] = { shape: entry.shape, values: all.slice(entry.offset, entry.offset + entry.length) };
  }
  return arrays;
}

/** The arrays of one group ("model/…") without the group prefix. */
export function group(arrays: NamedArrays, prefix: string): Record<string, ShapedArray> {
  const start = `${prefix}/`;
  return Object.fromEntries(
    Object.entries(arrays)
      .filter(([name]) => name.startsWith(start))
      .map(([name, array]) => [name.slice(start.length), array]),
  );
}

/** Prefixes every name with a group. */
export function inGroup(prefix: string, arrays: NamedArrays): Record<string, ShapedArray> {
  return Object.fromEntries(Object.entries(arrays).map(([name, array]) => [`${prefix}/${name}`, array]));
}
