import { z } from 'zod';
import { DeepAstroError, InvalidConfigError, TransientError } from '../errors';

/** Node network error codes a retry may cure. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNREFUSED', 'EPIPE']);

/**
 * Validates a Lambda event; a failure is an InvalidConfigError naming the field, so the workflow's
 * Catch sees a fatal error rather than a retryable one.
 */
export function parseEvent<T>(schema: z.ZodType<T>, event: unknown, what: string): T {
  const parsed = schema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidConfigError(`${what} event: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The error a handler lets escape: the Lambda runtime reports `error.name` as the error type, which is
 * what Step Functions' Retry and Catch match. Typed errors keep their name, zod failures become
 * InvalidConfigError, dropped connections TransientError; anything else stays as it is (fatal).
 */
export function toWorkflowError(error: unknown): unknown {
  if (error instanceof DeepAstroError) return error;
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return new InvalidConfigError(`${issue?.path.join('.') || '(root)'}: ${issue?.message}`, {
      cause: error,
    });
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && TRANSIENT_CODES.has(code))
    return new TransientError((error as Error).message, { cause: error });
  return error;
}

/** Runs a handler body, rethrowing its failure as a workflow error (toWorkflowError). */
export async function withWorkflowErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toWorkflowError(error);
  }
}
