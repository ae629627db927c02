import type { CloudClients } from './cloud-clients';
import { describeRunExecution, type RunExecution } from './run-execution';
import type { StackOutputs } from './stack-outputs';
import { describeTrainingChildren, type TrainingChild } from './training-children';

/** The execution of a run and, once Train has submitted its array job, the job's children. */
export interface RunStatus {
  readonly execution: RunExecution;
  readonly children: readonly TrainingChild[];
}

/** Reads a run's state: the execution (name or ARN), then its Batch array job's children if any. */
export async function readRunStatus(
  clients: Pick<CloudClients, 'stepFunctions' | 'batch'>,
  outputs: StackOutputs,
  run: string,
): Promise<RunStatus> {
  const execution = await describeRunExecution(clients.stepFunctions, outputs.stateMachineArn, run);
  const children = execution.trainingJobId
    ? await describeTrainingChildren(clients.batch, execution.trainingJobId)
    : [];
  return { execution, children };
}
