import { BatchClient } from '@aws-sdk/client-batch';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SFNClient } from '@aws-sdk/client-sfn';

/** The AWS clients the cloud commands use; region and credentials come from the usual AWS chain. */
export interface CloudClients {
  readonly cloudFormation: CloudFormationClient;
  readonly stepFunctions: SFNClient;
  readonly batch: BatchClient;
  readonly logs: CloudWatchLogsClient;
}

/** One client per service, all in `region` when given, else the SDK's default (AWS_REGION, profile). */
export function createCloudClients(region?: string): CloudClients {
  const config = region ? { region } : {};
  return {
    cloudFormation: new CloudFormationClient(config),
    stepFunctions: new SFNClient(config),
    batch: new BatchClient(config),
    logs: new CloudWatchLogsClient(config),
  };
}
