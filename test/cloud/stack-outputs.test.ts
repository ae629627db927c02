import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { NotFoundError } from '../../src/errors';
import { readStackOutputs } from '../../src/cloud/stack-outputs';
import { deployStack, mockAws, type MockedAws, stackOutputs } from './mocked-aws';

describe('readStackOutputs (CloudFormation mocked)', () => {
  let aws: MockedAws;
  const client = () => new CloudFormationClient({ region: 'eu-west-1' });

  beforeEach(() => (aws = mockAws()));
  afterEach(() => Object.values(aws).forEach((mock) => mock.restore()));

  it('reads every output the cloud commands need by the stack name', async () => {
    deployStack(aws);
    await expect(readStackOutputs(client(), 'DeepAstroUda')).resolves.toEqual(stackOutputs());
    expect(aws.cloudFormation.commandCalls(DescribeStacksCommand)[0].args[0].input).toEqual({
      StackName: 'DeepAstroUda',
    });
  });

  it('names a missing output and how to fix it', async () => {
    aws.cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'DeepAstroUda',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [{ OutputKey: 'StateMachineArn', OutputValue: 'arn:aws:states:x:1:stateMachine:y' }],
        },
      ],
    });
    await expect(readStackOutputs(client())).rejects.toThrow(
      new NotFoundError(
        'stack DeepAstroUda has no output DataBucketName; redeploy it with this version (npx cdk deploy)',
      ),
    );
  });

  it('turns CloudFormation\'s "does not exist" into a NotFoundError that says to deploy', async () => {
    const missing = Object.assign(new Error('Stack with id Other does not exist'), {
      name: 'ValidationError',
    });
    aws.cloudFormation.on(DescribeStacksCommand).rejects(missing);
    const error = await readStackOutputs(client(), 'Other').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(
      'stack Other is not deployed in this account and region; deploy it (npx cdk deploy) or pass --stack',
    );
  });
});
