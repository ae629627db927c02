import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ChecksumMismatchError } from '../errors';

/**
 * Passes bytes through unchanged while computing their md5 and counting them. With `expectedMd5` it
 * fails in flush, before signalling end, so a consumer such as a multipart upload sees an error instead
 * of a clean end and never publishes the wrong bytes.
 */
export class Md5Stream extends Transform {
  private readonly hash: Hash = createHash('md5');
  private bytes = 0;
  private hex: string | undefined;

  constructor(
    private readonly expectedMd5?: string,
    private readonly label = 'stream',
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.hex = this.hash.digest('hex');
    if (this.expectedMd5 !== undefined && this.hex !== this.expectedMd5.toLowerCase()) {
      callback(checksumMismatch(this.label, this.expectedMd5, this.hex, this.bytes));
      return;
    }
    callback();
  }

  /** Hex md5 of everything that passed; only valid after the stream has ended. */
  get md5(): string {
    if (this.hex === undefined) throw new Error('Md5Stream.md5 read before the stream ended');
    return this.hex;
  }

  get byteCount(): number {
    return this.bytes;
  }
}

function md5Hex(body: Uint8Array): string {
  return createHash('md5').update(body).digest('hex');
}

/** The bytes of a put's body and their md5; throws ChecksumMismatchError when they miss `expectedMd5`. */
export function verifiedBody(
  key: string,
  body: Uint8Array | string,
  expectedMd5: string | undefined,
): { bytes: Uint8Array; md5: string } {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const md5 = md5Hex(bytes);
  if (expectedMd5 !== undefined && expectedMd5.toLowerCase() !== md5) {
    throw checksumMismatch(key, expectedMd5, md5, bytes.length);
  }
  return { bytes, md5 };
}

function checksumMismatch(
  label: string,
  expected: string,
  actual: string,
  size: number,
): ChecksumMismatchError {
  return new ChecksumMismatchError(
    `${label}: md5 ${actual} of ${size} bytes does not match expected ${expected}`,
  );
}
