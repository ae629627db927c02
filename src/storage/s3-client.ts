import { S3Client } from '@aws-sdk/client-s3';
import { InvalidConfigError } from '../errors';

/** How long an S3 call may stall before the SDK gives up on that attempt (and retries, then fails). */
export interface S3Timeouts {
  /** Connecting the socket. */
  readonly connectionMs: number;
  /** Sending the request until the response headers arrive. */
  readonly headersMs: number;
  /** No bytes in either direction on an open socket, body included. */
  readonly idleMs: number;
}

/**
 * Long enough for a 8 MiB multipart part over a slow link, short enough that a dead endpoint costs
 * minutes, not the 12 h job timeout.
 */
export const DEFAULT_S3_TIMEOUTS: S3Timeouts = { connectionMs: 10_000, headersMs: 120_000, idleMs: 60_000 };

/** Overrides every timeout of DEFAULT_S3_TIMEOUTS with one value in ms (tests, very slow links). */
export const S3_TIMEOUT_ENV = 'DEEPASTRO_S3_TIMEOUT_MS';

/**
 * An S3 client for AWS or any S3-compatible server. With AWS_ENDPOINT_URL set (LocalStack, s3rver,
 * MinIO) it uses path-style addressing, since such servers rarely resolve bucket subdomains.
 * Checksums are only sent when an operation requires them: S3-compatible servers that predate flexible
 * checksums store aws-chunked streaming bodies with the chunk framing left in. Every call is bounded by
 * `timeouts`; a stalled one fails with the SDK's TimeoutError, which the store reports as TransientError.
 */
export function createS3Client(
  endpoint: string | undefined = process.env.AWS_ENDPOINT_URL,
  timeouts: S3Timeouts = s3TimeoutsFromEnvironment(),
): S3Client {
  return new S3Client({
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      connectionTimeout: timeouts.connectionMs,
      requestTimeout: timeouts.headersMs,
      throwOnRequestTimeout: true,
      socketTimeout: timeouts.idleMs,
    },
  });
}

/** DEFAULT_S3_TIMEOUTS, or every limit set to $DEEPASTRO_S3_TIMEOUT_MS when that is a positive number. */
export function s3TimeoutsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): S3Timeouts {
  const text = environment[S3_TIMEOUT_ENV];
  if (text === undefined || text === '') return DEFAULT_S3_TIMEOUTS;
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new InvalidConfigError(
      `${S3_TIMEOUT_ENV}: expected a positive number of milliseconds, got '${text}'`,
    );
  }
  return { connectionMs: ms, headersMs: ms, idleMs: ms };
}
