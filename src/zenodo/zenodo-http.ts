import { InvalidConfigError, NotFoundError, TransientError } from '../errors';
import type { Logger } from '../logger';
import { type RetryPolicy, backoffDelayMs, rateLimitDelayMs, sleep } from './retry-policy';

export interface ZenodoHttpOptions {
  readonly baseUrl: string;
  /** Sent as a Bearer token, only to baseUrl's origin; never logged. */
  readonly token?: string;
  readonly retry: RetryPolicy;
  /** Connect-to-headers limit per attempt. */
  readonly headersTimeoutMs: number;
  readonly logger: Logger;
}

/** One attempt's verdict: a response to hand back, or a reason and delay to retry after. */
type Attempt = { readonly response: Response } | { readonly retryReason: string; readonly delayMs: number };

/**
 * GETs against Zenodo with the retry rules of the API: backoff with jitter on 5xx and network errors,
 * the server's own wait on 429, and a pause before the next request once X-RateLimit-Remaining hits 0.
 * 404/410 become NotFoundError, other 4xx InvalidConfigError, retries exhausted TransientError.
 */
export class ZenodoHttp {
  private notBeforeMs = 0;

  constructor(readonly options: ZenodoHttpOptions) {}

  /** `label` names the request in errors and logs, e.g. `record 123`. */
  async get(
    url: string,
    label: string,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<Response> {
    const { retry, logger } = this.options;
    const origin = new URL(this.options.baseUrl).origin;
    if (new URL(url).origin !== origin) {
      throw new InvalidConfigError(
        `${label}: ${url} is not on the Zenodo host ${origin}; refusing to fetch it`,
      );
    }
    for (let attempt = 0; ; attempt++) {
      await this.waitForRateLimitWindow();
      const outcome = await this.attempt(url, label, headers, signal, attempt);
      if ('response' in outcome) return outcome.response;
      if (attempt + 1 >= retry.maxAttempts) {
        throw new TransientError(`${label}: ${outcome.retryReason}; gave up after ${attempt + 1} attempts`);
      }
      logger.warn(
        { request: label, reason: outcome.retryReason, delayMs: outcome.delayMs },
        'retrying Zenodo request',
      );
      await sleep(outcome.delayMs);
    }
  }

  private async attempt(
    url: string,
    label: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
    attempt: number,
  ): Promise<Attempt> {
    let response: Response;
    try {
      response = await this.fetchHeaders(url, headers, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      return { retryReason: networkReason(error), delayMs: backoffDelayMs(attempt, this.options.retry) };
    }
    this.noteRateLimit(response.headers);
    if (response.ok || response.status === 206) return { response };
    await response.body?.cancel();
    if (response.status === 429) return this.boundedRetry(label, 'HTTP 429 rate limited', response, attempt);
    if (response.status >= 500) return this.boundedRetry(label, `HTTP ${response.status}`, response, attempt);
    if (response.status === 404 || response.status === 410)
      throw new NotFoundError(`${label}: not found on Zenodo (HTTP ${response.status})`);
    if (response.status === 416) return { response };
    const hint = response.status === 401 || response.status === 403 ? ' (check ZENODO_TOKEN)' : '';
    throw new InvalidConfigError(`${label}: Zenodo answered HTTP ${response.status}${hint}`);
  }

  /**
   * The server's own wait (Retry-After, X-RateLimit-Reset) or backoff; a wait longer than
   * maxRateLimitWaitMs, on a 429 or a 5xx alike, is left to the workflow as TransientError.
   */
  private boundedRetry(label: string, reason: string, response: Response, attempt: number): Attempt {
    const delayMs = rateLimitDelayMs(response.headers) ?? backoffDelayMs(attempt, this.options.retry);
    if (delayMs > this.options.retry.maxRateLimitWaitMs) {
      throw new TransientError(`${label}: ${reason}; Zenodo asks to wait ${Math.ceil(delayMs / 1000)} s`);
    }
    return { retryReason: reason, delayMs };
  }

  /** The timeout covers connecting and the headers only, so it never cuts a long body short. */
  private async fetchHeaders(
    url: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Response> {
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    const timer = setTimeout(() => {
      const timeout = new Error(`no response headers within ${this.options.headersTimeoutMs} ms`);
      controller.abort(Object.assign(timeout, { name: 'TimeoutError' }));
    }, this.options.headersTimeoutMs);
    try {
      return await fetch(url, { headers: { ...this.authFor(url), ...headers }, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  private authFor(url: string): Record<string, string> {
    const { token, baseUrl } = this.options;
    if (!token || new URL(url).origin !== new URL(baseUrl).origin) return {};
    return { authorization: `Bearer ${token}` };
  }

  private noteRateLimit(headers: Headers): void {
    if (headers.get('x-ratelimit-remaining') !== '0') return;
    const waitMs = rateLimitDelayMs(
      new Headers({ 'x-ratelimit-reset': headers.get('x-ratelimit-reset') ?? '' }),
    );
    if (waitMs !== undefined)
      this.notBeforeMs = Date.now() + Math.min(waitMs, this.options.retry.maxRateLimitWaitMs);
  }

  private async waitForRateLimitWindow(): Promise<void> {
    const waitMs = this.notBeforeMs - Date.now();
    if (waitMs <= 0) return;
    this.options.logger.info({ delayMs: waitMs }, 'Zenodo rate-limit window exhausted; waiting for reset');
    await sleep(waitMs);
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (error instanceof Error && error.name === 'TimeoutError')
    return 'timed out waiting for response headers';
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
