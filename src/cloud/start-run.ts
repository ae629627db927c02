import {
  DescribeExecutionCommand,
  type ExecutionStatus,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { RunConfig } from '../config/run-config';
import type { ExecutionInput } from '../run/workflow-payloads';
import { executionArnFor, executionNameFor } from './execution-name';
import type { StackOutputs } from './stack-outputs';

export interface StartRunOptions {
  readonly stepFunctions: SFNClient;
  readonly outputs: StackOutputs;
  /** Zenodo record or concept record id. */
  readonly recordId: string;
  /** The resolved run config; absent, ResolveRelease uses the stack's deepastro:scheduleConfig, as a scheduled start does. */
  readonly config?: RunConfig;
}

/** The execution a start created, or the one that already existed under the same name. */
export interface StartedRun {
  readonly executionName: string;
  readonly executionArn: string;
  readonly startDate?: Date;
  /** True when an execution with this name existed already (running or finished); nothing new was started. */
  readonly alreadyExisted: boolean;
  readonly status: ExecutionStatus | 'RUNNING';
}

/**
 * Starts the workflow for a record and config under a deterministic name (see executionNameFor). A
 * second start with the same record and config reports the existing execution instead of training again.
 */
export async function startRun(options: StartRunOptions): Promise<StartedRun> {
  const { stepFunctions, outputs } = options;
  const executionName = executionNameFor(options.recordId, options.config ?? {});
  const input: ExecutionInput = {
    recordId: options.recordId,
    store: outputs.storeUri,
    ...(options.config && { config: { ...options.config } }),
  };
  try {
    const started = await stepFunctions.send(
      new StartExecutionCommand({
        stateMachineArn: outputs.stateMachineArn,
        name: executionName,
        input: JSON.stringify(input),
      }),
    );
    return {
      executionName,
      executionArn: started.executionArn ?? executionArnFor(outputs.stateMachineArn, executionName),
      startDate: started.startDate,
      alreadyExisted: false,
      status: 'RUNNING',
    };
  } catch (error) {
    // Compared by name: the class differs between copies of the SDK.
    if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
    const executionArn = executionArnFor(outputs.stateMachineArn, executionName);
    const existing = await stepFunctions.send(new DescribeExecutionCommand({ executionArn }));
    return {
      executionName,
      executionArn,
      startDate: existing.startDate,
      alreadyExisted: true,
      status: existing.status ?? 'RUNNING',
    };
  }
}
