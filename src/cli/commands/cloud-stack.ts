import type { Command } from 'commander';
import { type CloudClients, createCloudClients } from '../../cloud/cloud-clients';
import { DEFAULT_STACK_NAME, readStackOutputs, type StackOutputs } from '../../cloud/stack-outputs';

/** Options every `cloud` subcommand takes to find the deployed stack. */
export interface CloudStackOptions {
  readonly stack: string;
  readonly region?: string;
}

/** Adds --stack and --region to a `cloud` subcommand. */
export function withStackOptions(command: Command): Command {
  return command
    .option(
      '--stack <name>',
      'the deployed CloudFormation stack ($DEEPASTRO_STACK overrides the default)',
      process.env.DEEPASTRO_STACK ?? DEFAULT_STACK_NAME,
    )
    .option(
      '--region <region>',
      'AWS region of the stack (default: the AWS SDK chain: $AWS_REGION, profile)',
    );
}

/** The clients and the stack's outputs a `cloud` subcommand works with. */
export async function connectToStack(
  options: CloudStackOptions,
): Promise<{ clients: CloudClients; outputs: StackOutputs }> {
  const clients = createCloudClients(options.region);
  const outputs = await readStackOutputs(clients.cloudFormation, options.stack);
  return { clients, outputs };
}
