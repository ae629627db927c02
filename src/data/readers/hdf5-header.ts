import { open } from 'node:fs/promises';
import { DataFormatError } from '../../errors';

/** The 8-byte signature that starts every HDF5 superblock. */
export const HDF5_SIGNATURE = Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** HDF5 looks for the superblock at 0, 512, 1024, 2048, … (a user block may precede it). */
const SUPERBLOCK_OFFSETS = [0, 512, 1024, 2048, 4096, 8192];
const SUPERBLOCK_BYTES = 64;

/**
 * Refuses a file that is not HDF5 or is shorter than its superblock says, before h5wasm sees it:
 * the WebAssembly HDF5 library prints pages of diagnostics and throws errors without a message on
 * such files, and can abort on a truncated one. This reads only the superblock, never the data.
 */
export async function assertHdf5File(path: string): Promise<void> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new DataFormatError(`${path}: cannot open (${error.code ?? error.message})`, { cause: error });
  });
  try {
    const { size } = await handle.stat();
    for (const offset of SUPERBLOCK_OFFSETS) {
      if (offset + HDF5_SIGNATURE.length > size) break;
      const block = Buffer.alloc(SUPERBLOCK_BYTES);
      await handle.read(block, 0, SUPERBLOCK_BYTES, offset);
      if (!hasSignature(block)) continue;
      const storedEnd = superblockEnd(block, offset);
      if (storedEnd !== undefined && storedEnd > size) {
        throw new DataFormatError(
          `${path}: truncated HDF5 file: ${size} bytes on disk, the file's superblock says ${storedEnd}`,
        );
      }
      return;
    }
    throw new DataFormatError(`${path}: not an HDF5 file (no HDF5 signature)`);
  } finally {
    await handle.close();
  }
}

/** Whether bytes start with the HDF5 signature. */
export function hasSignature(bytes: Uint8Array): boolean {
  return HDF5_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/**
 * The absolute end-of-file address the superblock records (base address + end-of-file address), at
 * least the superblock's own end, or undefined for a superblock version or field size this check does not know.
 */
function superblockEnd(block: Buffer, offset: number): number | undefined {
  const version = block[8];
  let offsetSize: number;
  let baseAt: number;
  if (version === 0 || version === 1) {
    offsetSize = block[13];
    baseAt = version === 0 ? 24 : 28;
  } else if (version === 2 || version === 3) {
    offsetSize = block[9];
    baseAt = 12;
  } else {
    return undefined;
  }
  if (offsetSize !== 4 && offsetSize !== 8) return undefined;
  const readAddress = (at: number): number =>
    offsetSize === 8 ? Number(block.readBigUInt64LE(at)) : block.readUInt32LE(at);
  // Versions 0/1 end with four addresses and the root group's symbol table entry; 2/3 with four addresses and a checksum.
  const superblockLength = version <= 1 ? baseAt + 6 * offsetSize + 24 : baseAt + 4 * offsetSize + 4;
  const base = readAddress(baseAt);
  const endOfFile = readAddress(baseAt + 2 * offsetSize);
  // The base address is absolute; a user block shifts it to the superblock's own offset.
  return Math.max(Math.max(base, offset) + endOfFile, offset + superblockLength);
}
