import { ConversationsModule } from '../../../libs/conversations/src/index.js';
import { AttachmentController, AttachmentUploaderGuard } from './conversations/attachment.controller.js';
import { CaseAttachmentResolver, CaseContactResolver, ChallengeApplicationConversationResolver, ConversationResolver, MatchRequestConversationResolver } from './conversations/conversation.resolver.js';
import { Module } from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import { GraphqlErrorPassThrough } from './graphql/error-log.js';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { TerminusModule } from '@nestjs/terminus';
import { IdentityModule, IdentityService, VerificationService, TokenService } from '../../../libs/identity/src/index.js';
import { ProfileAccessLogResolver, ProfileConsentResolver } from './enterprises/consent.resolver.js';
import { AccessLogService, EnterprisesModule } from '../../../libs/enterprises/src/index.js';
import { TierAssessmentService, TierAssessmentsModule } from '../../../libs/tier-assessments/src/index.js';
import { EnterpriseProfileResolver } from './enterprises/enterprise-profile.resolver.js';
import { TitleReviewResolver } from './enterprises/title-review.resolver.js';
import { ListingsModule, ListingService, ChallengeApplicationService } from '../../../libs/listings/src/index.js';
import { ListingResolver, ParkResolver, ParkVacancyResolver, TakedownAppealResolver } from './listings/listing.resolver.js';
import { ChallengeApplicationResolver, ChallengeResolver } from './listings/challenge-application.resolver.js';
import { TimelineEntryResolver } from './timeline/timeline.resolver.js';
import { SearchResolver } from './search/search.resolver.js';
import { MatchingModule, MatchRequestService } from '../../../libs/matching/src/index.js';
import { InsightsModule, AuditLogService } from '../../../libs/insights/src/index.js';
import { AuditEntryConnectionResolver, InsightsResolver } from './insights/insights.resolver.js';
import { InsightsExportController } from './insights/insights-export.controller.js';
import { MatchingResolver } from './matching/matching.resolver.js';
import { ListingReachResolver, RecommendationPushResolver } from './matching/recommendation-push.resolver.js';
import { MatchRequestResolver, ProviderStatsResolver } from './matching/match-request.resolver.js';
import { ChallengeApplicationDeadlineResolver, MatchRequestDeadlineResolver, OverdueDeskResolver } from './matching/deadline.resolver.js';
import { ApplicationReasonResolver, MatchOutcomeResolver } from './matching/match-outcome.resolver.js';
import { EnterpriseImportResolver } from './enterprises/enterprise-import.resolver.js';
import { EnterpriseImportRunsResolver } from './enterprises/enterprise-import-runs.resolver.js';
import { EnterpriseImportController, ImportUploaderGuard } from './enterprises/enterprise-import.controller.js';
import { VerificationDeskService } from '../../../libs/verification/src/index.js';
import { NotificationService } from '../../../libs/notifications/src/index.js';
import { APP_CONFIG, type AppConfig, RUNTIME } from '../../../libs/platform/src/index.js';
import type { Runtime } from '../../../libs/platform/src/index.js';
import { graphqlOptions } from './graphql/graphql.options.js';
import { HealthController } from './health/health.controller.js';
import { AuthResolver } from './identity/auth.resolver.js';
import { CredentialsResolver } from './identity/credentials.resolver.js';
import { OrganizationResolver, UserResolver } from './identity/organization.resolver.js';
import { MembersResolver } from './identity/members.resolver.js';
import { NotificationResolver } from './notifications/notification.resolver.js';
import { MailModule } from '../../../libs/mail/src/index.js';
import { RewardsModule } from '../../../libs/rewards/src/index.js';
import { RewardsResolver } from './rewards/rewards.resolver.js';
import { PolicyPayoutExportController } from './rewards/policy-payout-export.controller.js';
import { DevMailController } from './dev/dev-mail.controller.js';
import { VouchersModule } from '../../../libs/vouchers/src/index.js';
import { VoucherClaimFieldsResolver, VoucherResolver } from './vouchers/voucher.resolver.js';
import { VoucherSettlementExportController } from './vouchers/voucher-settlement-export.controller.js';

/** The GraphQL API and health endpoints. */
@Module({
  imports: [
    TerminusModule,
    IdentityModule,
    EnterprisesModule,
    TierAssessmentsModule,
    ListingsModule,
    MatchingModule,
    InsightsModule,
    MailModule,
    ConversationsModule,
    VouchersModule,
    RewardsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [IdentityModule, TierAssessmentsModule, ListingsModule, MatchingModule, InsightsModule, EnterprisesModule],
      inject: [APP_CONFIG, IdentityService, TokenService, TierAssessmentService, ListingService, ChallengeApplicationService, MatchRequestService, AuditLogService, RUNTIME, VerificationService, AccessLogService],
      useFactory: (
        config: AppConfig,
        identity: IdentityService,
        tokens: TokenService,
        assessments: TierAssessmentService,
        listings: ListingService,
        applications: ChallengeApplicationService,
        matchRequests: MatchRequestService,
        audit: AuditLogService,
        runtime: Runtime,
        verification: VerificationService,
        accessLog: AccessLogService,
      ) => graphqlOptions(config, tokens, { identity, verification, assessments, listings, applications, matchRequests, accessLog }, runtime.logger, audit, runtime.metrics),
    }),
  ],
  controllers: [HealthController, InsightsExportController, DevMailController, EnterpriseImportController, AttachmentController, VoucherSettlementExportController, PolicyPayoutExportController],
  providers: [{ provide: APP_FILTER, useFactory: (host: HttpAdapterHost) => new GraphqlErrorPassThrough(host), inject: [HttpAdapterHost] }, AuthResolver, CredentialsResolver, MembersResolver, OrganizationResolver, VerificationDeskService, UserResolver, NotificationResolver, NotificationService, EnterpriseProfileResolver, TitleReviewResolver, EnterpriseImportResolver, EnterpriseImportRunsResolver, ImportUploaderGuard, ListingResolver, ParkVacancyResolver, ParkResolver, TakedownAppealResolver, ChallengeApplicationResolver, ChallengeResolver, TimelineEntryResolver, SearchResolver, MatchingResolver, MatchRequestResolver, ProviderStatsResolver, MatchRequestDeadlineResolver, ChallengeApplicationDeadlineResolver, OverdueDeskResolver, InsightsResolver, ConversationResolver, CaseAttachmentResolver, MatchRequestConversationResolver, ChallengeApplicationConversationResolver, CaseContactResolver, AttachmentUploaderGuard, MatchOutcomeResolver, ApplicationReasonResolver, ProfileConsentResolver, ProfileAccessLogResolver, VoucherResolver, VoucherClaimFieldsResolver, RecommendationPushResolver, ListingReachResolver, AuditEntryConnectionResolver, RewardsResolver],
})
export class ApiModule {}
