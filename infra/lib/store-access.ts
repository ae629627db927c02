import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { STORE_TEMPORARY_PREFIX } from '../../src/storage/blob-key';

/**
 * What S3Store sends to write an object: PutObject (tags ride in it, so PutObjectTagging is needed),
 * multipart uploads (covered by PutObject) and their abort. No legal holds, retention or version tags.
 */
export const STORE_PUT_ACTIONS = ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'];

/**
 * Deleting the current version only. S3 keeps what it replaces as a noncurrent version on the versioned
 * bucket, so with s3:DeleteObjectVersion withheld from every role no component can purge history.
 */
export const STORE_DELETE_ACTIONS = ['s3:DeleteObject'];

/** The store's temporary uploads (S3Store.putStream without a known md5 publishes from there). */
export const STORE_TEMPORARIES = `${STORE_TEMPORARY_PREFIX}*`;

export interface StoreWriteGrant {
  /** Key patterns the grantee may write, e.g. 'runs/*'. */
  readonly put: readonly string[];
  /**
   * Key patterns the grantee may delete (current versions only).
   * @default none
   */
  readonly delete?: readonly string[];
}

/**
 * Lets `grantee` write, and where it must delete, exactly the key patterns given; in place of
 * bucket.grantWrite, whose s3:DeleteObject* includes s3:DeleteObjectVersion.
 */
export function grantStoreWrites(bucket: s3.IBucket, grantee: iam.IGrantable, grant: StoreWriteGrant): void {
  const statement = (actions: string[], patterns: readonly string[]) =>
    new iam.PolicyStatement({ actions, resources: patterns.map((pattern) => bucket.arnForObjects(pattern)) });
  grantee.grantPrincipal.addToPrincipalPolicy(statement(STORE_PUT_ACTIONS, grant.put));
  if (grant.delete && grant.delete.length > 0) {
    grantee.grantPrincipal.addToPrincipalPolicy(statement(STORE_DELETE_ACTIONS, grant.delete));
  }
}
