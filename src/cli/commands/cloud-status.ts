import type { Command } from 'commander';
import { readRunStatus } from '../../cloud/run-status';
import { formatTable, formatTime } from '../../cloud/text-table';
import { type CloudStackOptions, connectToStack, withStackOptions } from './cloud-stack';

/** `deepastro-uda cloud status <run>`: the execution, then the Batch children as a table. */
export function registerCloudStatus(cloud: Command): void {
  withStackOptions(
    cloud
      .command('status')
      .description("a run's execution state and its training members (Batch array children) with attempts")
      .argument('<run>', 'execution name (as `cloud start` and `cloud list` print it) or execution ARN'),
  ).action(async (run: string, options: CloudStackOptions) => {
    const { clients, outputs } = await connectToStack(options);
    const { execution, children } = await readRunStatus(clients, outputs, run);
    console.log(
      formatTable(
        ['EXECUTION', 'STATUS', 'STARTED', 'STOPPED', 'RUN ID'],
        [
          [
            execution.executionName,
            execution.status,
            formatTime(execution.startDate),
            formatTime(execution.stopDate),
            execution.runId,
          ],
        ],
      ),
    );
    if (execution.error) console.log(`error: ${execution.error}: ${execution.cause ?? ''}`.trimEnd());
    if (!execution.trainingJobId) {
      console.log('\ntraining: not submitted yet');
      return;
    }
    console.log(`\ntraining: Batch array job ${execution.trainingJobId}`);
    const rows = children.map((child) => [
      child.member,
      child.status,
      child.attempts,
      child.exitCode,
      child.statusReason,
    ]);
    console.log(formatTable(['MEMBER', 'STATUS', 'ATTEMPTS', 'EXIT', 'REASON'], rows));
  });
}
