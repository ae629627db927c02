/** How hard the Zenodo client retries. Tests shrink the delays; production keeps the defaults. */
export interface RetryPolicy {
  /** Attempts per request, counting the first. @default 6 */
  readonly maxAttempts: number;
  /** First backoff ceiling; doubles per attempt. @default 500 */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling. @default 30000 */
  readonly maxDelayMs: number;
  /**
   * Longest wait a 429 or 5xx may ask for before the client gives up with TransientError and leaves the retry
   * to the workflow, which can wait without holding a Lambda. @default 120000
   */
  readonly maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRateLimitWaitMs: 120_000,
};

/**
 * Exponential backoff with full jitter: a uniform delay up to min(max, base * 2^attempt), so many
 * clients that failed together do not retry together. `attempt` counts from 0.
 */
export function backoffDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/**
 * The wait a throttled response asks for: Retry-After (seconds or an HTTP date), else X-RateLimit-Reset
 * (Zenodo sends the epoch second when the window resets). Undefined when neither header is usable.
 */
export function rateLimitDelayMs(headers: Headers, nowMs: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const reset = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - nowMs);
  return undefined;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
