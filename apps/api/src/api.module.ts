import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { TerminusModule } from '@nestjs/terminus';
import { IdentityModule } from '../../../libs/identity/src/identity.module.js';
import { EnterprisesModule } from '../../../libs/enterprises/src/enterprises.module.js';
import { TierAssessmentService, TierAssessmentsModule } from '../../../libs/tier-assessments/src/index.js';
import { EnterpriseProfileResolver } from './enterprises/enterprise-profile.resolver.js';
import { TitleReviewResolver } from './enterprises/title-review.resolver.js';
import { ListingsModule } from '../../../libs/listings/src/listings.module.js';
import { ListingService } from '../../../libs/listings/src/listing.service.js';
import { ListingResolver, ParkResolver, ParkVacancyResolver } from './listings/listing.resolver.js';
import { ChallengeApplicationResolver, ChallengeResolver } from './listings/challenge-application.resolver.js';
import { SearchResolver } from './search/search.resolver.js';
import { MatchingModule } from '../../../libs/matching/src/sets/matching.module.js';
import { MatchRequestService } from '../../../libs/matching/src/requests/match-request.service.js';
import { InsightsModule } from '../../../libs/insights/src/insights.module.js';
import { AuditLogService } from '../../../libs/insights/src/audit-log.service.js';
import { InsightsResolver } from './insights/insights.resolver.js';
import { InsightsExportController } from './insights/insights-export.controller.js';
import { MatchingResolver } from './matching/matching.resolver.js';
import { MatchRequestResolver, ProviderStatsResolver } from './matching/match-request.resolver.js';
import { ChallengeApplicationService } from '../../../libs/listings/src/challenges/challenge-application.service.js';
import { EnterpriseImportResolver } from './enterprises/enterprise-import.resolver.js';
import { EnterpriseImportRunsResolver } from './enterprises/enterprise-import-runs.resolver.js';
import { EnterpriseImportController, ImportUploaderGuard } from './enterprises/enterprise-import.controller.js';
import { IdentityService } from '../../../libs/identity/src/identity.service.js';
import { VerificationService } from '../../../libs/identity/src/verification/verification.service.js';
import { VerificationDeskService } from '../../../libs/verification/src/verification-desk.service.js';
import { TokenService } from '../../../libs/identity/src/auth/token.service.js';
import { NotificationService } from '../../../libs/notifications/src/notification.service.js';
import { APP_CONFIG, type AppConfig } from '../../../libs/platform/src/config/config.js';
import { RUNTIME } from '../../../libs/platform/src/platform.module.js';
import type { Runtime } from '../../../libs/platform/src/runtime/runtime.js';
import { graphqlOptions } from './graphql/graphql.options.js';
import { HealthController } from './health/health.controller.js';
import { AuthResolver } from './identity/auth.resolver.js';
import { CredentialsResolver } from './identity/credentials.resolver.js';
import { OrganizationResolver, UserResolver } from './identity/organization.resolver.js';
import { MembersResolver } from './identity/members.resolver.js';
import { NotificationResolver } from './notifications/notification.resolver.js';
import { MailModule } from '../../../libs/mail/src/mail.module.js';
import { DevMailController } from './dev/dev-mail.controller.js';

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
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [IdentityModule, TierAssessmentsModule, ListingsModule, MatchingModule, InsightsModule],
      inject: [APP_CONFIG, IdentityService, TokenService, TierAssessmentService, ListingService, ChallengeApplicationService, MatchRequestService, AuditLogService, RUNTIME, VerificationService],
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
      ) => graphqlOptions(config, tokens, { identity, verification, assessments, listings, applications, matchRequests }, runtime.logger, audit),
    }),
  ],
  controllers: [HealthController, InsightsExportController, DevMailController, EnterpriseImportController],
  providers: [AuthResolver, CredentialsResolver, MembersResolver, OrganizationResolver, VerificationDeskService, UserResolver, NotificationResolver, NotificationService, EnterpriseProfileResolver, TitleReviewResolver, EnterpriseImportResolver, EnterpriseImportRunsResolver, ImportUploaderGuard, ListingResolver, ParkVacancyResolver, ParkResolver, ChallengeApplicationResolver, ChallengeResolver, SearchResolver, MatchingResolver, MatchRequestResolver, ProviderStatsResolver, InsightsResolver],
})
export class ApiModule {}
