import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { RUN_ARTIFACT_TAGS } from '../../src/run/run-layout';

/** The tag the trainer puts on checkpoint objects (src/storage/run-layout.ts), as key and value. */
const [CHECKPOINT_TAG_KEY, CHECKPOINT_TAG_VALUE] = Object.entries(RUN_ARTIFACT_TAGS.checkpoint)[0];

export interface DataBucketProps {
  /**
   * Days a replaced (noncurrent) object version under runs/ is kept; checkpoints, rewritten every
   * epoch, are what produces them.
   * @default 7
   */
  readonly checkpointVersionDays?: number;
  /**
   * Days a current checkpoint object (tagged RUN_ARTIFACT_TAGS.checkpoint) is kept after it was written.
   * @default 30
   */
  readonly checkpointExpirationDays?: number;
  /**
   * What happens to the buckets when the stack is deleted.
   * @default RemovalPolicy.RETAIN, so results survive `cdk destroy`
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The run store of DESIGN.md ("Run layout"): encrypted, private, TLS only, versioned, with access
 * logs in a second bucket and lifecycle rules that keep old checkpoint versions from piling up.
 */
export class DataBucket extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataBucketProps = {}) {
    super(scope, id);
    const checkpointVersionDays = props.checkpointVersionDays ?? 7;
    const checkpointExpirationDays = props.checkpointExpirationDays ?? 30;
    for (const [name, days] of Object.entries({ checkpointVersionDays, checkpointExpirationDays })) {
      if (!Number.isInteger(days) || days < 1) {
        throw new Error(`DataBucket: ${name} must be a whole number of days >= 1, got ${days}`);
      }
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy,
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'data-bucket/',
      lifecycleRules: [
        {
          id: 'expire-replaced-run-objects',
          prefix: 'runs/',
          noncurrentVersionExpiration: Duration.days(checkpointVersionDays),
        },
        {
          id: 'expire-checkpoints',
          prefix: 'runs/',
          tagFilters: { [CHECKPOINT_TAG_KEY]: CHECKPOINT_TAG_VALUE },
          expiration: Duration.days(checkpointExpirationDays),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy,
    });
  }
}
