import { Writable } from 'node:stream';
import pino from 'pino';
import { InvalidConfigError, NotFoundError, TransientError } from '../../src/errors';
import { ZenodoClient } from '../../src/zenodo/client';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, rateLimitDelayMs } from '../../src/zenodo/retry-policy';
import { FakeZenodo } from './fake-zenodo';

const fastRetry = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 };

describe('ZenodoClient', () => {
  let zenodo: FakeZenodo;

  beforeAll(async () => {
    zenodo = await new FakeZenodo().start();
    for (const [id, version] of [
      ['11', 'v1'],
      ['12', 'v2'],
      ['15', 'v3'],
    ]) {
      zenodo.addRecord({
        id,
        conceptId: '10',
        version,
        files: [{ key: `sdss-${version}.h5`, size: 1000, seed: Number(id) }],
      });
    }
  });
  afterAll(async () => zenodo.stop());
  beforeEach(() => {
    zenodo.requests.length = 0;
  });

  it('reads a record with its files, sizes, md5s and download links', async () => {
    const record = await new ZenodoClient({ baseUrl: zenodo.url }).getRecord('12');
    expect(record).toMatchObject({ id: '12', conceptRecordId: '10', version: 'v2' });
    expect(record.files).toEqual([
      {
        key: 'sdss-v2.h5',
        size: 1000,
        md5: zenodo.md5Of({ key: '', size: 1000, seed: 12 }),
        url: zenodo.fileUrl('12', 'sdss-v2.h5'),
      },
    ]);
  });

  it('finds the newest version from any version or from the concept, across version pages', async () => {
    const client = new ZenodoClient({ baseUrl: zenodo.url });
    expect((await client.listVersions('11')).map((r) => r.id)).toEqual(['11', '12', '15']);
    expect((await client.newestVersion('11')).id).toBe('15');
    expect((await client.newestVersion('10')).id).toBe('15');
    expect((await client.newestVersion('10')).files[0].key).toBe('sdss-v3.h5');
  });

  it('says NotFoundError for a record that does not exist, without retrying', async () => {
    await expect(new ZenodoClient({ baseUrl: zenodo.url }).getRecord('999')).rejects.toThrow(NotFoundError);
    expect(zenodo.requests).toHaveLength(1);
  });

  it('refuses a record id that is not a number', async () => {
    await expect(new ZenodoClient({ baseUrl: zenodo.url }).getRecord('12; rm')).rejects.toThrow(
      InvalidConfigError,
    );
  });

  it('waits for X-RateLimit-Reset on a 429 without Retry-After', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 1;
    zenodo.fail('/api/records/12', {
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    });
    const record = await new ZenodoClient({ baseUrl: zenodo.url, retry: fastRetry }).getRecord('12');
    expect(record.id).toBe('12');
    expect(zenodo.requests[1].atMs).toBeGreaterThanOrEqual(reset * 1000 - 50);
  });

  it('leaves a long rate-limit wait to the workflow as TransientError', async () => {
    zenodo.fail('/api/records/12', { status: 429, headers: { 'retry-after': '3600' } });
    const client = new ZenodoClient({ baseUrl: zenodo.url, retry: fastRetry });
    await expect(client.getRecord('12')).rejects.toThrow(TransientError);
    await expect(client.getRecord('12')).resolves.toMatchObject({ id: '12' });
  });

  it('gives up with TransientError after the configured attempts', async () => {
    zenodo.fail('/api/records/12', { status: 500 }, { status: 500 }, { status: 500 });
    await expect(new ZenodoClient({ baseUrl: zenodo.url, retry: fastRetry }).getRecord('12')).rejects.toThrow(
      /HTTP 500; gave up after 3 attempts/,
    );
  });

  it('treats an unreachable server as transient', async () => {
    const client = new ZenodoClient({ baseUrl: 'http://127.0.0.1:9', retry: fastRetry });
    await expect(client.getRecord('12')).rejects.toThrow(TransientError);
  });

  it('sends ZENODO_TOKEN to Zenodo only, and never logs it', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = pino({ level: 'trace' }, sink);
    process.env.ZENODO_TOKEN = 'secret-token-123';
    try {
      zenodo.fail('/api/records/12', { status: 503 });
      await new ZenodoClient({ baseUrl: zenodo.url, retry: fastRetry, logger }).getRecord('12');
    } finally {
      delete process.env.ZENODO_TOKEN;
    }
    expect(zenodo.requests.map((r) => r.authorization)).toEqual([
      'Bearer secret-token-123',
      'Bearer secret-token-123',
    ]);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain('secret-token-123');
  });

  it('takes its base URL from ZENODO_URL, defaulting to zenodo.org', () => {
    expect(new ZenodoClient().baseUrl).toBe('https://zenodo.org');
    process.env.ZENODO_URL = `${zenodo.url}/`;
    try {
      expect(new ZenodoClient().baseUrl).toBe(zenodo.url);
    } finally {
      delete process.env.ZENODO_URL;
    }
    expect(() => new ZenodoClient({ baseUrl: 'ftp://example.org' })).toThrow(InvalidConfigError);
  });
});

describe('retry timing', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffDelayMs(0, DEFAULT_RETRY_POLICY, () => 1)).toBe(500);
    expect(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 1)).toBe(4000);
    expect(backoffDelayMs(20, DEFAULT_RETRY_POLICY, () => 1)).toBe(30_000);
    expect(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.25)).toBe(1000);
  });

  it('reads Retry-After as seconds or a date, else X-RateLimit-Reset', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(rateLimitDelayMs(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(rateLimitDelayMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now)).toBe(
      30_000,
    );
    expect(rateLimitDelayMs(new Headers({ 'x-ratelimit-reset': String(now / 1000 + 12) }), now)).toBe(12_000);
    expect(rateLimitDelayMs(new Headers({}), now)).toBeUndefined();
  });
});
