import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { DeepAstroStack } from './deep-astro-stack';
import { STORE_TEMPORARIES } from './store-access';

/** The S3 actions CDK's grantRead expands to, with wildcards cdk-nag reports one by one. */
const S3_GRANT_ACTIONS = ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];

const S3_GRANT_REASON =
  'Reads granted with bucket.grantRead, writes with grantStoreWrites (store-access.ts: PutObject, ' +
  'PutObjectTagging, AbortMultipartUpload, and DeleteObject for the trainer only, never ' +
  'DeleteObjectVersion), scoped to the key prefixes of the run layout (runs/, raw/, state/) and the ' +
  "store's temporaries; the read wildcards are CDK's grant set.";

/**
 * cdk-nag AwsSolutions findings that are accepted on purpose, each with its reason. Each is
 * acknowledged on the narrowest construct that produces it.
 */
export function acknowledgeNagFindings(stack: DeepAstroStack): void {
  const bucketArn = `<${logicalId(stack.data.bucket)}.Arn>`;
  const s3Findings = [
    ...S3_GRANT_ACTIONS.map((action) => `Action::${action}`),
    ...['*', 'runs/*', 'raw/*', 'state/*', STORE_TEMPORARIES].map(
      (prefix) => `Resource::${bucketArn}/${prefix}`,
    ),
  ];
  for (const scope of [stack.functions, stack.jobDefinition.jobRole]) {
    acknowledgeAll(scope, 'AwsSolutions-IAM5', s3Findings, S3_GRANT_REASON);
  }

  acknowledgeAll(
    stack.functions,
    'AwsSolutions-IAM5',
    ['Resource::*'],
    'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords) supports no resource-level permissions.',
  );
  acknowledgeAll(
    stack.functions,
    'AwsSolutions-IAM4',
    ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    'The AWS managed basic execution policy only lets a function write its own CloudWatch logs.',
  );
  acknowledgeAll(
    stack.jobDefinition.container,
    'AwsSolutions-IAM5',
    ['Resource::*'],
    'The execution role pulls the trainer image: ecr:GetAuthorizationToken supports no resource-level permissions.',
  );
  acknowledgeAll(
    stack.gpuQueue.computeEnvironment,
    'AwsSolutions-IAM4',
    ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role'],
    'The instance role of a Batch ECS compute environment needs the AWS managed ECS container-instance policy.',
  );

  const functionVersions = Object.values(stack.functions.functions).map(
    (fn) => `Resource::<${logicalId(fn)}.Arn>:*`,
  );
  acknowledgeAll(
    stack.workflow.stateMachine,
    'AwsSolutions-IAM5',
    functionVersions,
    'CDK grants lambda:InvokeFunction on each function and its versions/aliases (<arn>:*), no other functions.',
  );
  acknowledgeAll(
    stack.workflow.stateMachine,
    'AwsSolutions-IAM5',
    ['Resource::*', 'Resource::arn:<AWS::Partition>:batch:<AWS::Region>:<AWS::AccountId>:job-definition/*'],
    'Step Functions needs logs:*LogDelivery and xray:* on "*" (no resource-level permissions), and ' +
      'batch:SubmitJob on job-definition/* because a submitted job names a revision of the definition.',
  );
}

function acknowledgeAll(scope: IConstruct, rule: string, findings: readonly string[], reason: string): void {
  for (const finding of findings) {
    Validations.of(scope).acknowledge({ id: `${rule}[${finding}]`, reason });
  }
}

function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnResource);
}
