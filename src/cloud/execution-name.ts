import { InvalidConfigError } from '../errors';
import { runIdFor } from '../run/run-id';

/** Step Functions execution names: at most 80 of these characters. */
const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * The execution name of training `config` on a Zenodo record as the user named it (see RunOrigin in
 * src/run/run-id.ts). Deterministic, so starting the same record and config twice finds the first execution.
 */
export function executionNameFor(recordId: string, config: object): string {
  if (!/^\d+$/.test(recordId)) {
    throw new InvalidConfigError(`--record must be a Zenodo record id (digits), got '${recordId}'`);
  }
  return runIdFor({ zenodoRecordId: recordId }, config);
}

/**
 * The ARN of an execution of `stateMachineArn`, from its name or its own ARN:
 * arn:aws:states:<region>:<account>:stateMachine:<sm> → arn:aws:states:<region>:<account>:execution:<sm>:<name>.
 */
export function executionArnFor(stateMachineArn: string, nameOrArn: string): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  if (!EXECUTION_NAME.test(nameOrArn)) {
    throw new InvalidConfigError(
      `a run is an execution name (letters, digits, '-', '_', at most 80) or ARN, got '${nameOrArn}'`,
    );
  }
  const parts = stateMachineArn.split(':');
  if (parts[5] !== 'stateMachine' || parts.length < 7) {
    throw new InvalidConfigError(`not a state machine ARN: ${stateMachineArn}`);
  }
  return [...parts.slice(0, 5), 'execution', parts[6], nameOrArn].join(':');
}
