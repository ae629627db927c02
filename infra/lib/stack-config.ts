import type { Node } from 'constructs';
import { z } from 'zod';
import type { RunConfig } from '../../src/config/run-config';
import { DEFAULT_SCHEDULE_CONFIG, resolveScheduleConfig } from './schedule-config';

/** Every context option the stack reads, with its default; cdk.json and infra/README.md list the same. */
export const CONTEXT_DEFAULTS = {
  'deepastro:instanceTypes': ['g5.12xlarge'],
  'deepastro:spot': true,
  'deepastro:maxvCpus': 96,
  'deepastro:memberVcpus': 11,
  'deepastro:memberMemoryMiB': 45056,
  'deepastro:sharedMemoryMiB': 8192,
  'deepastro:jobTimeoutHours': 12,
  'deepastro:jobAttempts': 3,
  'deepastro:zenodoConceptRecordId': '7473597',
  'deepastro:scheduleCron': 'cron(0 6 ? * MON *)',
  'deepastro:scheduleEnabled': true,
  'deepastro:scheduleConfig': DEFAULT_SCHEDULE_CONFIG,
  'deepastro:ingestConcurrency': 4,
  'deepastro:notificationEmail': '',
  'deepastro:checkpointVersionDays': 7,
  'deepastro:logRetentionDays': 30,
} as const;

export type ContextKey = keyof typeof CONTEXT_DEFAULTS;

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')]);
const count = z.coerce.number().int().positive();
const list = z.union([
  z.array(z.string().min(1)).min(1),
  z
    .string()
    .min(1)
    .transform((text) => text.split(',').map((item) => item.trim())),
]);

const contextSchema = z.object({
  'deepastro:instanceTypes': list,
  'deepastro:spot': flag,
  'deepastro:maxvCpus': count,
  'deepastro:memberVcpus': count,
  'deepastro:memberMemoryMiB': count,
  'deepastro:sharedMemoryMiB': count,
  'deepastro:jobTimeoutHours': count,
  'deepastro:jobAttempts': count.max(10),
  'deepastro:zenodoConceptRecordId': z.string(),
  'deepastro:scheduleCron': z.string().regex(/^cron\(.+\)$|^rate\(.+\)$/),
  'deepastro:scheduleEnabled': flag,
  // A run config, checked by resolveConfig below for messages in the config's own words.
  'deepastro:scheduleConfig': z.unknown(),
  'deepastro:ingestConcurrency': count,
  'deepastro:notificationEmail': z.string(),
  'deepastro:checkpointVersionDays': count,
  'deepastro:logRetentionDays': count,
});

/** The stack's settings, parsed from CDK context (cdk.json or `-c key=value`). */
export interface StackConfig {
  readonly instanceTypes: readonly string[];
  readonly spot: boolean;
  readonly maxvCpus: number;
  readonly memberVcpus: number;
  readonly memberMemoryMiB: number;
  readonly sharedMemoryMiB: number;
  readonly jobTimeoutHours: number;
  readonly jobAttempts: number;
  readonly zenodoConceptRecordId: string;
  readonly scheduleCron: string;
  readonly scheduleEnabled: boolean;
  /** The run config every scheduled start sends, resolved with GPU defaults. */
  readonly scheduleConfig: RunConfig;
  readonly ingestConcurrency: number;
  readonly notificationEmail: string;
  readonly checkpointVersionDays: number;
  readonly logRetentionDays: number;
}

/** Reads every option from context, falling back to CONTEXT_DEFAULTS; throws naming the bad key. */
export function readStackConfig(node: Node): StackConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(CONTEXT_DEFAULTS) as ContextKey[]) {
    raw[key] = node.tryGetContext(key) ?? CONTEXT_DEFAULTS[key];
  }
  const parsed = contextSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0]);
    throw new Error(
      `Context option ${key} = ${JSON.stringify(raw[key])} is invalid (${issue.message}); ` +
        `set it in cdk.json or with -c ${key}=..., e.g. ${JSON.stringify(CONTEXT_DEFAULTS[key as ContextKey])}`,
    );
  }
  const options = parsed.data;
  return {
    instanceTypes: options['deepastro:instanceTypes'],
    spot: options['deepastro:spot'],
    maxvCpus: options['deepastro:maxvCpus'],
    memberVcpus: options['deepastro:memberVcpus'],
    memberMemoryMiB: options['deepastro:memberMemoryMiB'],
    sharedMemoryMiB: options['deepastro:sharedMemoryMiB'],
    jobTimeoutHours: options['deepastro:jobTimeoutHours'],
    jobAttempts: options['deepastro:jobAttempts'],
    zenodoConceptRecordId: options['deepastro:zenodoConceptRecordId'],
    scheduleCron: options['deepastro:scheduleCron'],
    scheduleEnabled: options['deepastro:scheduleEnabled'],
    scheduleConfig: resolveScheduleConfig(options['deepastro:scheduleConfig'], 'deepastro:scheduleConfig'),
    ingestConcurrency: options['deepastro:ingestConcurrency'],
    notificationEmail: options['deepastro:notificationEmail'],
    checkpointVersionDays: options['deepastro:checkpointVersionDays'],
    logRetentionDays: options['deepastro:logRetentionDays'],
  };
}
