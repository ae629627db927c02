import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface RunNotificationsProps {
  /**
   * An address to subscribe to run notifications (it must confirm the subscription).
   * @default - no subscription; subscribe to the topic yourself
   */
  readonly email?: string;
}

/** The SNS topic the workflow reports succeeded and failed runs to: encrypted, TLS only. */
export class RunNotifications extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: RunNotificationsProps = {}) {
    super(scope, id);
    if (props.email !== undefined && props.email !== '' && !/^[^@\s]+@[^@\s]+$/.test(props.email)) {
      throw new Error(
        `RunNotifications: email must be an address like name@example.org, got '${props.email}'`,
      );
    }
    this.topic = new sns.Topic(this, 'Topic', {
      // The AWS managed key costs nothing; the publisher is the state machine's role in this account.
      masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    if (props.email) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    }
  }
}
