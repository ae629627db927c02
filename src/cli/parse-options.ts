import type { z } from 'zod';
import { InvalidConfigError } from '../errors';

/**
 * Validates a command's raw option strings; the first problem becomes one InvalidConfigError that
 * names the option as the user typed it (--kebab-case) and the value given.
 */
export function parseCommandOptions<T>(schema: z.ZodType<T>, raw: Record<string, unknown>): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? 'options');
  const option = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  // A structured option (JSON) names the field inside it too.
  const inner = issue.path.slice(1).join('.');
  throw new InvalidConfigError(
    `--${option}: ${inner ? `${inner}: ` : ''}${issue.message} (got ${JSON.stringify(raw[field])})`,
  );
}
