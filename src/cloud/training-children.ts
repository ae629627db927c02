import { type BatchClient, DescribeJobsCommand, type JobDetail } from '@aws-sdk/client-batch';
import { NotFoundError } from '../errors';

/** One ensemble member: a child of the Train state's Batch array job. */
export interface TrainingChild {
  readonly member: number;
  readonly jobId: string;
  /** SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED or FAILED. */
  readonly status: string;
  /** Attempts that ended; the running one is not counted until it ends. */
  readonly attempts: number;
  readonly statusReason?: string;
  /** Exit code of the last attempt that ended. */
  readonly exitCode?: number;
  /** The CloudWatch log streams of each attempt, oldest first, the running one last. */
  readonly logStreams: readonly string[];
}

/** DescribeJobs takes at most this many ids a call. */
const DESCRIBE_LIMIT = 100;

/** The array job's children, in member order. Throws NotFoundError when Batch no longer knows the job. */
export async function describeTrainingChildren(
  batch: BatchClient,
  arrayJobId: string,
): Promise<TrainingChild[]> {
  const [parent] = await describeJobs(batch, [arrayJobId]);
  if (!parent) {
    throw new NotFoundError(
      `Batch job ${arrayJobId} is unknown (Batch keeps finished jobs for about 7 days)`,
    );
  }
  const size = parent.arrayProperties?.size;
  if (size === undefined) return [toTrainingChild(parent, 0)];
  const ids = Array.from({ length: size }, (_unused, index) => `${arrayJobId}:${index}`);
  const children = await describeJobs(batch, ids);
  return children
    .map((child) =>
      toTrainingChild(child, child.arrayProperties?.index ?? Number(child.jobId?.split(':')[1])),
    )
    .sort((a, b) => a.member - b.member);
}

/** The log streams of one member, oldest attempt first. Throws NotFoundError for a member out of range. */
export async function memberLogStreams(
  batch: BatchClient,
  arrayJobId: string,
  member: number,
): Promise<readonly string[]> {
  const children = await describeTrainingChildren(batch, arrayJobId);
  const child = children.find((candidate) => candidate.member === member);
  if (!child) {
    throw new NotFoundError(
      `member ${member} is not in job ${arrayJobId}, which has ${children.length} member(s)`,
    );
  }
  return child.logStreams;
}

async function describeJobs(batch: BatchClient, jobIds: readonly string[]): Promise<JobDetail[]> {
  const details: JobDetail[] = [];
  for (let start = 0; start < jobIds.length; start += DESCRIBE_LIMIT) {
    const response = await batch.send(
      new DescribeJobsCommand({ jobs: jobIds.slice(start, start + DESCRIBE_LIMIT) }),
    );
    details.push(...(response.jobs ?? []));
  }
  return details;
}

function toTrainingChild(job: JobDetail, member: number): TrainingChild {
  const attempts = job.attempts ?? [];
  const streams = attempts.map((attempt) => attempt.container?.logStreamName);
  const current = job.container?.logStreamName;
  if (current && !streams.includes(current)) streams.push(current);
  return {
    member,
    jobId: job.jobId ?? '',
    status: job.status ?? 'UNKNOWN',
    attempts: attempts.length,
    statusReason: job.statusReason,
    exitCode: attempts.at(-1)?.container?.exitCode,
    logStreams: streams.filter((stream): stream is string => Boolean(stream)),
  };
}
