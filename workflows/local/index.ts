export {
  runLocalWorkflow,
  WorkflowExecutionError,
  type LambdaHandler,
  type LocalWorkflowOptions,
  type LocalWorkflowResult,
  type WorkflowNotification,
} from './run-local-workflow';
export type { LocalTrainerOptions } from './local-batch-job';
export { renderLocalWorkflow, type RenderedWorkflow } from './render-definition';
export { validateDefinition } from './validate-definition';
