import { CloudFormationClient, DescribeStacksCommand, type Output } from '@aws-sdk/client-cloudformation';
import { NotFoundError } from '../errors';
import { DEFAULT_STACK_NAME, STACK_OUTPUT_KEYS } from './stack-contract';

export { DEFAULT_STACK_NAME, STACK_OUTPUT_KEYS };

/** The deployed stack's resources, read from its outputs: no ARN is ever copied by hand. */
export type StackOutputs = { readonly [field in keyof typeof STACK_OUTPUT_KEYS]: string } & {
  readonly stackName: string;
};

/**
 * Reads the outputs of a deployed stack. Throws NotFoundError when the stack does not exist or lacks
 * an output, naming it and how to fix it.
 */
export async function readStackOutputs(
  client: CloudFormationClient,
  stackName: string = DEFAULT_STACK_NAME,
): Promise<StackOutputs> {
  const outputs = await describeOutputs(client, stackName);
  const byKey = new Map(outputs.map((output) => [output.OutputKey, output.OutputValue]));
  const entries = Object.entries(STACK_OUTPUT_KEYS).map(([field, key]) => {
    const value = byKey.get(key);
    if (!value) {
      throw new NotFoundError(
        `stack ${stackName} has no output ${key}; redeploy it with this version (npx cdk deploy)`,
      );
    }
    return [field, value] as const;
  });
  return { stackName, ...Object.fromEntries(entries) } as StackOutputs;
}

async function describeOutputs(client: CloudFormationClient, stackName: string): Promise<Output[]> {
  try {
    const response = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = response.Stacks?.[0];
    if (!stack) throw stackMissing(stackName);
    return stack.Outputs ?? [];
  } catch (error) {
    // CloudFormation reports a missing stack as a ValidationError, not a typed not-found error.
    if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message)) {
      throw stackMissing(stackName, error);
    }
    throw error;
  }
}

function stackMissing(stackName: string, cause?: unknown): NotFoundError {
  return new NotFoundError(
    `stack ${stackName} is not deployed in this account and region; deploy it (npx cdk deploy) or pass --stack`,
    { cause },
  );
}
