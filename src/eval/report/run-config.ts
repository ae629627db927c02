import { z } from 'zod';
import { DataFormatError } from '../../errors';

/**
 * The few fields of runs/<runId>/config.json the report reads; everything else is the trainer's.
 * `target.uri` locates the target dataset for thumbnails and sky coordinates; `target.classes`, where
 * present, is the class selection the trainer applied, so prediction indices match the read dataset.
 */
export const reportConfigSchema = z.looseObject({
  target: z
    .looseObject({
      uri: z.string().min(1).optional(),
      classes: z.array(z.string()).optional(),
    })
    .optional(),
});
export type ReportConfig = z.infer<typeof reportConfigSchema>;

/** Parses config.json for the report; `origin` names it in errors. */
export function parseReportConfig(text: string, origin: string): ReportConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new DataFormatError(`${origin}: not JSON`, { cause });
  }
  const parsed = reportConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataFormatError(`${origin}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
