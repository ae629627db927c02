import type { BlobStore } from '../../storage/blob-store';

/** Writes the report's files under one prefix (each write atomic) and remembers the keys written. */
export class ReportWriter {
  readonly written: string[] = [];

  constructor(
    private readonly store: BlobStore,
    readonly prefix: string,
  ) {}

  /** @param file path relative to the report folder, e.g. `plots/roc.svg` */
  async write(file: string, body: Uint8Array | string, contentType: string): Promise<string> {
    const key = `${this.prefix}/${file}`;
    await this.store.put(key, body, { contentType });
    this.written.push(key);
    return key;
  }
}
