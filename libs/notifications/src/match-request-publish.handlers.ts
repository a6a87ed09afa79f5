import { Inject, Injectable } from '@nestjs/common';
import {
  HandlesJob,
  type JobHandler,
  PUBSUB,
  type PubSub,
  MATCH_REQUEST_UPDATED,
  type MatchRequestUpdatedMessage,
} from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';

type Job = JobPayloads['match-request.publish'];

/**
 * Passes every match-request transition to the API processes over pub/sub; each delivers it to
 * the subscribers of either side (`Subscription.matchRequestUpdated`), reading the current row.
 * Ids only. Publishing twice is harmless: subscribers skip a version they already delivered.
 */
@Injectable()
@HandlesJob('match-request.publish')
export class MatchRequestPublisher implements JobHandler<'match-request.publish'> {
  constructor(@Inject(PUBSUB) private readonly pubsub: PubSub) {}

  async handle(job: Job): Promise<void> {
    const { matchRequestId, enterpriseOrganizationId, ownerOrganizationId, version } = job.data;
    const message: MatchRequestUpdatedMessage = { matchRequestId, enterpriseOrganizationId, ownerOrganizationId, version };
    await this.pubsub.publish(MATCH_REQUEST_UPDATED, message);
  }
}
