import type { z } from 'zod';
import { InvalidConfigError } from '../errors';

/** One problem with a config: where (a field path like `hyperparameters.margin`) and what was expected. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** `data.source.n`, `classes.source[2]`; `(root)` for the document itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  const text = path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
  return text === '' ? '(root)' : text;
}

type ZodIssue = z.ZodError['issues'][number];

/**
 * A union's issues as those of the one branch whose shape the value has (every issue of that branch
 * below the union's own path), so `{ "projectionHead": "yes" }` names `projectionHead`; the union's
 * one "Invalid input" line where no branch or more than one fits.
 */
function unwrapped(issue: ZodIssue): ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const fitting = issue.errors.filter(
    (branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0),
  );
  if (fitting.length !== 1) return [issue];
  return fitting[0].flatMap((inner) => unwrapped({ ...inner, path: [...issue.path, ...inner.path] }));
}

/** zod's issues in the project's words: one line per issue, naming the field. */
export function zodIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues
    .flatMap(unwrapped)
    .map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** One InvalidConfigError for all issues: the first named up front, the rest listed after it. */
export function invalidConfig(issues: readonly ConfigIssue[]): InvalidConfigError {
  const lines = issues.map((issue) => `${issue.path}: ${issue.message}`);
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more: ${lines.slice(1).join('; ')})` : '';
  return new InvalidConfigError(`invalid run config: ${lines[0]}${more}`);
}
