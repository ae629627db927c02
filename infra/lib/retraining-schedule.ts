import { Annotations } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { RunConfig } from '../../src/config/run-config';
import { placeholderFiles } from './schedule-config';

export interface RetrainingScheduleProps {
  readonly stateMachine: sfn.IStateMachine;
  /** The Zenodo concept record (or record) whose newest version is trained. */
  readonly conceptRecordId: string;
  /** The store URI the run writes to, e.g. s3://bucket. */
  readonly store: string;
  /**
   * The run config each start trains (ResolveRelease requires its data), already resolved: it is sent
   * as is, and ResolveRelease hashes it into the run id.
   */
  readonly config: RunConfig;
  /**
   * An EventBridge Scheduler expression, UTC.
   * @default 'cron(0 6 ? * MON *)', Mondays 06:00
   */
  readonly expression?: string;
  /**
   * Whether the schedule fires.
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * Starts the workflow for a concept record on a cron. A start with nothing new is cheap: ResolveRelease
 * finds the release already trained and the execution ends at once.
 */
export class RetrainingSchedule extends Construct {
  public readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: RetrainingScheduleProps) {
    super(scope, id);
    const expression = props.expression ?? 'cron(0 6 ? * MON *)';
    if (!/^(cron|rate)\(.+\)$/.test(expression)) {
      throw new Error(
        `RetrainingSchedule: expression must look like 'cron(0 6 ? * MON *)' or 'rate(7 days)', got '${expression}'`,
      );
    }
    if (!/^\d+$/.test(props.conceptRecordId)) {
      throw new Error(
        `RetrainingSchedule: conceptRecordId must be a Zenodo record number like '7473597', got '${props.conceptRecordId}'`,
      );
    }
    const placeholders = placeholderFiles(props.config);
    if (placeholders.length > 0 && (props.enabled ?? true)) {
      Annotations.of(this).addWarningV2(
        'deepastro:scheduleConfigPlaceholders',
        `The schedule's run config still names placeholder files (${placeholders.join(', ')}); set the record's real ` +
          `file names in deepastro:scheduleConfig (cdk.json), or ResolveRelease refuses every scheduled run (InvalidConfigError naming the file).`,
      );
    }
    // ResolveRelease's event: a concept record id resolves to its newest version.
    const input = { recordId: props.conceptRecordId, store: props.store, config: props.config };
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      schedule: scheduler.ScheduleExpression.expression(expression),
      description: `Retrain on new releases of Zenodo record ${props.conceptRecordId}`,
      enabled: props.enabled ?? true,
      target: new targets.StepFunctionsStartExecution(props.stateMachine, {
        input: scheduler.ScheduleTargetInput.fromObject(input),
        retryAttempts: 2,
      }),
    });
  }
}
