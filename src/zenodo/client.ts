import type { z } from 'zod';
import { InvalidConfigError, NotFoundError, TransientError } from '../errors';
import { type Logger, silentLogger } from '../logger';
import { RecordSchema, VersionsPageSchema, type ZenodoFile, type ZenodoRecord, newestOf } from './records';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { ZenodoHttp } from './zenodo-http';

export const DEFAULT_ZENODO_URL = 'https://zenodo.org';

export interface ZenodoClientOptions {
  /** @default ZENODO_URL, else https://zenodo.org */
  readonly baseUrl?: string;
  /** @default ZENODO_TOKEN; only needed for restricted records */
  readonly token?: string;
  readonly retry?: Partial<RetryPolicy>;
  /** Limit for connecting and receiving headers, per attempt. @default 30000 */
  readonly headersTimeoutMs?: number;
  /** A download with no bytes for this long is dropped and resumed. @default 60000 */
  readonly idleTimeoutMs?: number;
  /** Limit on an API answer (a record, a page of versions), headers and body together. @default 120000 */
  readonly requestDeadlineMs?: number;
  /**
   * Slowest download kept: a connection gets headersTimeoutMs plus its remaining bytes at this rate,
   * then is dropped and resumed, so a server trickling bytes cannot hold it forever. @default 262144
   */
  readonly minBytesPerSecond?: number;
  readonly logger?: Logger;
}

/** Zenodo's REST API: records, their files, and the versions of a concept record. */
export class ZenodoClient {
  readonly baseUrl: string;
  readonly http: ZenodoHttp;
  readonly idleTimeoutMs: number;
  readonly requestDeadlineMs: number;
  readonly minBytesPerSecond: number;

  constructor(options: ZenodoClientOptions = {}) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl ?? process.env.ZENODO_URL ?? DEFAULT_ZENODO_URL);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.requestDeadlineMs = options.requestDeadlineMs ?? 120_000;
    this.minBytesPerSecond = options.minBytesPerSecond ?? 256 * 1024;
    this.http = new ZenodoHttp({
      baseUrl: this.baseUrl,
      token: options.token ?? (process.env.ZENODO_TOKEN || undefined),
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      headersTimeoutMs: options.headersTimeoutMs ?? 30_000,
      logger: options.logger ?? silentLogger,
    });
  }

  /** A record by id. A concept id answers with its newest version (Zenodo redirects). */
  async getRecord(recordId: string): Promise<ZenodoRecord> {
    const id = assertRecordId(recordId);
    const body = await this.getJson(`${this.baseUrl}/api/records/${id}`, `record ${id}`);
    return parse(RecordSchema, body, `record ${id}`);
  }

  /** Every version of the concept that `recordId` (a version or the concept) belongs to. */
  async listVersions(recordId: string): Promise<ZenodoRecord[]> {
    const id = assertRecordId(recordId);
    const versions: ZenodoRecord[] = [];
    let url: string | undefined = `${this.baseUrl}/api/records/${id}/versions?size=100&page=1`;
    while (url !== undefined) {
      const page: z.infer<typeof VersionsPageSchema> = parse(
        VersionsPageSchema,
        await this.getJson(url, `versions of ${id}`),
        `versions of ${id}`,
      );
      versions.push(...page.hits.hits);
      url = page.hits.hits.length > 0 ? page.links?.next : undefined;
    }
    return versions;
  }

  /** The newest version of the concept that `recordId` belongs to, with its files. */
  async newestVersion(recordId: string): Promise<ZenodoRecord> {
    const record = await this.getRecord(recordId);
    const newest = newestOf(await this.listVersions(record.id));
    if (newest === undefined) throw new NotFoundError(`record ${recordId}: Zenodo lists no versions`);
    return newest.id === record.id ? record : this.getRecord(newest.id);
  }

  /** Opens a file's download, from `offset` with an HTTP Range request when offset > 0. */
  async openFile(file: ZenodoFile, offset: number, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
    return this.http.get(file.url, `file ${file.key}`, headers, signal);
  }

  /** How long one download connection may last when `remainingBytes` are still to come. */
  connectionDeadlineMs(remainingBytes: number): number {
    return this.http.options.headersTimeoutMs + Math.ceil((remainingBytes * 1000) / this.minBytesPerSecond);
  }

  private async getJson(url: string, label: string): Promise<unknown> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error('request deadline')), this.requestDeadlineMs);
    try {
      const response = await this.http.get(url, label, { accept: 'application/json' }, deadline.signal);
      return await readJson(response, label, url);
    } catch (error) {
      if (!deadline.signal.aborted) throw error;
      throw new TransientError(
        `${label}: no complete answer from Zenodo within ${this.requestDeadlineMs} ms`,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

async function readJson(response: Response, label: string, url: string): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    throw new InvalidConfigError(`${label}: Zenodo answered with invalid JSON from ${url}`, {
      cause: error,
    });
  }
}

function assertRecordId(recordId: string): string {
  const id = String(recordId).trim();
  if (!/^\d+$/.test(id)) throw new InvalidConfigError(`Zenodo record id must be digits, got '${recordId}'`);
  return id;
}

function normaliseBaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    return parsed.href.replace(/\/+$/, '');
  } catch {
    throw new InvalidConfigError(
      `Zenodo URL '${url}' is not an http(s) URL (from --zenodo-url or ZENODO_URL)`,
    );
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown, label: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.join('.') || '(root)';
  throw new InvalidConfigError(
    `${label}: not a Zenodo API response (at ${where}: ${issue?.message}); check --zenodo-url / ZENODO_URL`,
  );
}
