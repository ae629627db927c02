import type { Command } from 'commander';
import { z } from 'zod';
import { NotFoundError } from '../../errors';
import { describeRunExecution } from '../../cloud/run-execution';
import { readTrainerLogs } from '../../cloud/trainer-logs';
import { memberLogStreams } from '../../cloud/training-children';
import { parseCommandOptions } from '../parse-options';
import { type CloudStackOptions, connectToStack, withStackOptions } from './cloud-stack';

const CloudLogsMember = z.object({ member: z.coerce.number().int().min(0) });

interface CloudLogsOptions extends CloudStackOptions {
  readonly member: string;
}

/** `deepastro-uda cloud logs <run> [--member i]`: the trainer's lines from CloudWatch Logs. */
export function registerCloudLogs(cloud: Command): void {
  withStackOptions(
    cloud
      .command('logs')
      .description("the trainer's log lines of one ensemble member, every attempt in order")
      .argument('<run>', 'execution name or ARN')
      .option('--member <i>', 'ensemble member (Batch array index)', '0'),
  ).action(async (run: string, options: CloudLogsOptions) => {
    const { member } = parseCommandOptions(CloudLogsMember, { member: options.member });
    const { clients, outputs } = await connectToStack(options);
    const execution = await describeRunExecution(clients.stepFunctions, outputs.stateMachineArn, run);
    if (!execution.trainingJobId) {
      throw new NotFoundError(`run ${execution.executionName} has not submitted its training job yet`);
    }
    const streams = await memberLogStreams(clients.batch, execution.trainingJobId, member);
    let attempt = 0;
    for await (const line of readTrainerLogs(clients.logs, outputs.trainerLogGroupName, streams)) {
      if (line.attempt !== attempt && streams.length > 1) console.log(`--- attempt ${line.attempt} ---`);
      attempt = line.attempt;
      console.log(line.message);
    }
    if (attempt === 0) console.log(`(no log lines yet for member ${member})`);
  });
}
