import { S3Client } from '@aws-sdk/client-s3';

/**
 * An S3 client for AWS or any S3-compatible server. With AWS_ENDPOINT_URL set (LocalStack, s3rver,
 * MinIO) it uses path-style addressing, since such servers rarely resolve bucket subdomains.
 * Checksums are only sent when an operation requires them: S3-compatible servers that predate flexible
 * checksums store aws-chunked streaming bodies with the chunk framing left in.
 */
export function createS3Client(endpoint: string | undefined = process.env.AWS_ENDPOINT_URL): S3Client {
  return new S3Client({
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
