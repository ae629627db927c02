import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  buildWorkflowDefinition,
  type WorkflowSettings,
  type WorkflowTargets,
} from '../../workflows/definition';

export interface WorkflowStateMachineProps extends WorkflowSettings {
  /** The Lambdas, job queue, job definition and topic the states call. */
  readonly targets: WorkflowTargets;
  /**
   * Limit on one execution, all retries included.
   * @default Duration.days(3)
   */
  readonly executionTimeout?: Duration;
  /**
   * Retention of the execution log group.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/** The workflow of workflows/definition.ts as a standard state machine, logging ALL and traced by X-Ray. */
export class WorkflowStateMachine extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowStateMachineProps) {
    super(scope, id);
    if (
      props.ingestConcurrency !== undefined &&
      !(Number.isInteger(props.ingestConcurrency) && props.ingestConcurrency >= 1)
    ) {
      throw new Error(
        `WorkflowStateMachine: ingestConcurrency must be a whole number >= 1, got ${props.ingestConcurrency}`,
      );
    }
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      queryLanguage: sfn.QueryLanguage.JSON_PATH,
      definitionBody: sfn.DefinitionBody.fromChainable(buildWorkflowDefinition(this, props.targets, props)),
      timeout: props.executionTimeout ?? Duration.days(3),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
  }
}
