import { NotFoundError, TransientError } from '../errors';

interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: unknown;
}

const TRANSIENT_NAMES = new Set([
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'TimeoutError',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

/** Whether an SDK error says the object (or its bucket) is not there. */
export function isS3NotFound(error: unknown): boolean {
  const sdk = error as SdkErrorShape | undefined;
  return sdk?.name === 'NoSuchKey' || sdk?.name === 'NotFound' || sdk?.$metadata?.httpStatusCode === 404;
}

/**
 * Turns the SDK's errors into the project's typed ones, so the workflow retries throttling and 5xx (which
 * the SDK has already retried a few times) and fails fast on everything else. Our own errors pass through.
 */
export function toStoreError(error: unknown, what: string): unknown {
  const sdk = error as SdkErrorShape | undefined;
  if (sdk === undefined || sdk === null || typeof sdk !== 'object') return error;
  if (isS3NotFound(error)) return new NotFoundError(`${what}: not found`, { cause: error });
  const status = sdk.$metadata?.httpStatusCode ?? 0;
  const transient =
    status >= 500 ||
    status === 429 ||
    sdk.$retryable !== undefined ||
    TRANSIENT_NAMES.has(sdk.name ?? '') ||
    NETWORK_CODES.has(sdk.code ?? '');
  if (transient)
    return new TransientError(`${what}: ${sdk.name ?? 'error'}: ${sdk.message ?? ''}`, { cause: error });
  return error;
}
