import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
  type GetObjectCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { DeepAstroError } from '../errors';
import type { BlobInfo, BlobStore, PutOptions } from './blob-store';
import { INTERNAL_PREFIX, STORE_TEMPORARY_PREFIX, assertValidKey, assertValidPrefix } from './blob-key';
import { Md5Stream, verifiedBody } from './md5-stream';
import { createS3Client } from './s3-client';
import { isS3NotFound, toStoreError } from './s3-errors';

export interface S3StoreOptions {
  /** @default a client from createS3Client(), honouring AWS_ENDPOINT_URL */
  readonly client?: S3Client;
  /** Keys per ListObjectsV2 page; S3 caps it at 1000. @default 1000 */
  readonly listPageSize?: number;
  /** Multipart part size in bytes; memory use is about partSize x queueSize. @default 8 MiB */
  readonly partSize?: number;
  /** Parts uploaded in parallel. @default 4 */
  readonly queueSize?: number;
}

/**
 * A BlobStore on `s3://bucket/prefix`. A PutObject or a multipart upload only becomes visible when
 * complete, so S3 itself gives atomic publish; the temporary key is needed only when the md5 is not known
 * before streaming, because user metadata must be set when an object is created.
 */
export class S3Store implements BlobStore {
  readonly uri: string;
  private readonly client: S3Client;

  constructor(
    readonly bucket: string,
    readonly prefix: string,
    private readonly options: S3StoreOptions = {},
  ) {
    this.uri = `s3://${bucket}${prefix ? `/${prefix}` : ''}`;
    this.client = options.client ?? createS3Client();
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<BlobInfo> {
    assertValidKey(key);
    const { bytes, md5 } = verifiedBody(key, body, options.expectedMd5);
    const command = this.putObject(key, bytes, md5, options.contentType, {
      // Tagged in the same request: an object never exists untagged, so the lifecycle rule always sees it.
      ...(options.tags && { Tagging: new URLSearchParams(options.tags).toString() }),
    });
    await this.call(() => this.client.send(command), key);
    return { key, size: bytes.length, md5 };
  }

  async putIfAbsent(
    key: string,
    body: Uint8Array | string,
    options: PutOptions = {},
  ): Promise<BlobInfo | undefined> {
    assertValidKey(key);
    const { bytes, md5 } = verifiedBody(key, body, options.expectedMd5);
    const command = this.putObject(key, bytes, md5, options.contentType, { IfNoneMatch: '*' });
    try {
      await this.client.send(command);
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // 412: the key exists; 409: a concurrent conditional write to it is in progress.
      if (status === 412 || status === 409) return undefined;
      throw toStoreError(error, this.describe(key));
    }
    return { key, size: bytes.length, md5 };
  }

  /** A PutObject of verified bytes: S3 checks what it received against ContentMD5 and rejects a mismatch. */
  private putObject(
    key: string,
    bytes: Uint8Array,
    md5: string,
    contentType: string | undefined,
    extra: Partial<PutObjectCommandInput>,
  ): PutObjectCommand {
    return new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(key),
      Body: bytes,
      ContentType: contentType,
      ContentMD5: Buffer.from(md5, 'hex').toString('base64'),
      Metadata: { md5 },
      ...extra,
    });
  }

  async putStream(key: string, body: Readable, options: PutOptions = {}): Promise<BlobInfo> {
    assertValidKey(key);
    const expected = options.expectedMd5?.toLowerCase();
    if (expected !== undefined) {
      // The md5 check fails the stream before it ends, so the multipart upload is aborted, never completed.
      const size = await this.upload(
        this.objectKey(key),
        body,
        new Md5Stream(expected, key),
        expected,
        options,
      );
      return { key, size, md5: expected };
    }
    const tempKey = this.objectKey(`${STORE_TEMPORARY_PREFIX}${randomUUID()}`);
    try {
      const hashing = new Md5Stream(undefined, key);
      const size = await this.upload(tempKey, body, hashing, undefined, options);
      await this.publishCopy(tempKey, key, hashing.md5, options.contentType);
      return { key, size, md5: hashing.md5 };
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tempKey }));
    }
  }

  async get(key: string): Promise<Uint8Array> {
    const body = await this.openBody(key);
    return body.transformToByteArray();
  }

  async getText(key: string): Promise<string> {
    return Buffer.from(await this.get(key)).toString('utf8');
  }

  async stream(key: string): Promise<Readable> {
    const body = await this.openBody(key);
    return body as unknown as Readable;
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    assertValidKey(key);
    try {
      const out = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      const md5 = out.Metadata?.md5;
      return { key, size: out.ContentLength ?? 0, ...(md5 ? { md5 } : {}) };
    } catch (error) {
      if (isS3NotFound(error)) return undefined;
      throw toStoreError(error, this.describe(key));
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async *list(prefix: string): AsyncIterable<BlobInfo> {
    assertValidPrefix(prefix);
    const rootLength = this.prefix ? this.prefix.length + 1 : 0;
    let token: string | undefined;
    do {
      const request = new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: this.objectKey(prefix),
        MaxKeys: this.options.listPageSize ?? 1000,
        ContinuationToken: token,
      });
      const page = await this.call(() => this.client.send(request), `${prefix}*`);
      for (const object of page.Contents ?? []) {
        const key = (object.Key ?? '').slice(rootLength);
        if (!key.startsWith(INTERNAL_PREFIX)) yield { key, size: object.Size ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    const command = new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) });
    await this.call(() => this.client.send(command), key);
  }

  uriOf(key: string): string {
    assertValidKey(key);
    return `s3://${this.bucket}/${this.objectKey(key)}`;
  }

  private objectKey(key: string): string {
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  private describe(key: string): string {
    return `${this.uri}/${key}`;
  }

  /** Streams body through hashing into objectKey; returns the byte count. */
  private async upload(
    objectKey: string,
    body: Readable,
    hashing: Md5Stream,
    md5: string | undefined,
    options: PutOptions,
  ): Promise<number> {
    // The source's own error is the one worth reporting: on a failed upload lib-storage aborts the
    // multipart upload, and an abort error (some S3-compatible servers lack AbortMultipartUpload) would
    // otherwise replace it.
    let sourceError: unknown;
    body.once('error', (error) => hashing.destroy(error));
    hashing.once('error', (error) => (sourceError = error));
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: objectKey,
        Body: body.pipe(hashing),
        ContentType: options.contentType,
        ...(md5 ? { Metadata: { md5 } } : {}),
      },
      partSize: this.options.partSize ?? 8 * 1024 * 1024,
      queueSize: this.options.queueSize ?? 4,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
      return hashing.byteCount;
    } catch (error) {
      body.destroy();
      const cause = sourceError ?? error;
      throw cause instanceof DeepAstroError ? cause : toStoreError(cause, `${this.bucket}/${objectKey}`);
    }
  }

  /** CopyObject is limited to 5 GiB; larger streams must pass expectedMd5 so no copy is needed. */
  private async publishCopy(tempKey: string, key: string, md5: string, contentType?: string): Promise<void> {
    const source = `${this.bucket}/${tempKey.split('/').map(encodeURIComponent).join('/')}`;
    const copy = new CopyObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(key),
      CopySource: source,
      MetadataDirective: 'REPLACE',
      Metadata: { md5 },
      ContentType: contentType,
    });
    await this.call(() => this.client.send(copy), key);
  }

  private async openBody(key: string): Promise<NonNullable<GetObjectCommandOutput['Body']>> {
    assertValidKey(key);
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) });
    const out = await this.call(() => this.client.send(command), key);
    if (out.Body === undefined) throw new Error(`${this.describe(key)}: S3 returned no body`);
    return out.Body;
  }

  private async call<T>(request: () => Promise<T>, key: string): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toStoreError(error, this.describe(key));
    }
  }
}
