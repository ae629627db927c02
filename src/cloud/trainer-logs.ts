import { type CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';

/** One line the trainer wrote, as CloudWatch Logs keeps it. */
export interface TrainerLogLine {
  /** 1 for the first attempt; a Spot reclaim or retry starts a new stream. */
  readonly attempt: number;
  readonly timestamp: Date;
  readonly message: string;
}

/**
 * Every line of the given log streams, oldest stream first, each stream from its start. Pages until
 * CloudWatch returns the same forward token twice, which is how GetLogEvents says "no more for now".
 */
export async function* readTrainerLogs(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  logStreams: readonly string[],
): AsyncGenerator<TrainerLogLine> {
  for (const [index, logStreamName] of logStreams.entries()) {
    let nextToken: string | undefined;
    for (;;) {
      const page = await logs.send(
        new GetLogEventsCommand({ logGroupName, logStreamName, startFromHead: true, nextToken }),
      );
      for (const event of page.events ?? []) {
        yield { attempt: index + 1, timestamp: new Date(event.timestamp ?? 0), message: event.message ?? '' };
      }
      if (!page.nextForwardToken || page.nextForwardToken === nextToken) break;
      nextToken = page.nextForwardToken;
    }
  }
}
