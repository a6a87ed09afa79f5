import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../../platform/src/queue/job-handler.js';
import type { JobPayloads } from '../../../platform/src/queue/job-catalog.js';
import { MatchSetService } from './match-set.service.js';

@Injectable()
@HandlesJob('matching.rescore-enterprise')
export class RescoreEnterpriseHandler implements JobHandler<'matching.rescore-enterprise'> {
  constructor(private readonly matches: MatchSetService) {}

  handle(job: JobPayloads['matching.rescore-enterprise']): Promise<number> {
    return this.matches.rescoreEnterprise(job.data.organizationId);
  }
}

@Injectable()
@HandlesJob('matching.sync-listing')
export class SyncListingMatchesHandler implements JobHandler<'matching.sync-listing'> {
  constructor(private readonly matches: MatchSetService) {}

  handle(job: JobPayloads['matching.sync-listing']): Promise<number> {
    return this.matches.scoreListing(job.data.listingId);
  }
}

@Injectable()
@HandlesJob('matching.rescore-provider')
export class RescoreProviderHandler implements JobHandler<'matching.rescore-provider'> {
  constructor(private readonly matches: MatchSetService) {}

  /** Only a rating changes a provider's score, and only service offerings use it. */
  handle(job: JobPayloads['matching.rescore-provider']): Promise<number> {
    return this.matches.rescoreProvider(job.data.ownerOrganizationId);
  }
}
