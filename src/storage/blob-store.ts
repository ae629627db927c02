import type { Readable } from 'node:stream';

/** What a store knows about one object. */
export interface BlobInfo {
  /** Key relative to the store's root, '/'-separated. */
  readonly key: string;
  readonly size: number;
  /** Hex md5 of the content, kept as object metadata when the object was written through a BlobStore. */
  readonly md5?: string;
}

export interface PutOptions {
  readonly contentType?: string;
  /** Hex md5 the caller expects; a mismatch throws ChecksumMismatchError and leaves nothing at the key. */
  readonly expectedMd5?: string;
  /**
   * Object tags, for the bucket's lifecycle rules (e.g. RUN_ARTIFACT_TAGS.checkpoint). Kept by the S3
   * store on `put`; a file store has no lifecycle rules and ignores them.
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * One interface over `file://` folders and `s3://bucket/prefix`. Every write is atomic: the bytes go to
 * a temporary key first and are published under the final key only when complete, so readers never see
 * a half-written object. md5 is computed while writing and kept as metadata.
 */
export interface BlobStore {
  /** The root URI, e.g. `file:///data/store` or `s3://bucket/prefix`. */
  readonly uri: string;
  put(key: string, body: Uint8Array | string, options?: PutOptions): Promise<BlobInfo>;
  /**
   * Creates the key only if it does not exist, atomically (S3: `If-None-Match: *`; files: an exclusive
   * link); undefined when it already existed, whoever wrote it. For leases, not for data.
   */
  putIfAbsent(key: string, body: Uint8Array | string, options?: PutOptions): Promise<BlobInfo | undefined>;
  /** Streams body into the key in constant memory (multipart on S3). */
  putStream(key: string, body: Readable, options?: PutOptions): Promise<BlobInfo>;
  /** Throws NotFoundError when the key does not exist. */
  get(key: string): Promise<Uint8Array>;
  getText(key: string): Promise<string>;
  /** Throws NotFoundError when the key does not exist. */
  stream(key: string): Promise<Readable>;
  /** Undefined when the key does not exist. */
  head(key: string): Promise<BlobInfo | undefined>;
  exists(key: string): Promise<boolean>;
  /** Every object under prefix, across pages, in key order. */
  list(prefix: string): AsyncIterable<BlobInfo>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** A full URI for a key, e.g. for payloads between workflow states. */
  uriOf(key: string): string;
}
