import { Module } from '@nestjs/common';
import { NotificationService } from './notification.service.js';
import { OrganizationRegisteredNotifier, OrganizationVerificationDecidedNotifier, OrganizationVerifiedNotifier } from './organization-notify.handlers.js';
import { SignInFailuresNotifier } from './security-notify.handlers.js';
import { InvitationAcceptedNotifier } from './member-notify.handlers.js';
import { MatchRequestNotifier } from './match-request-notify.handlers.js';
import { MatchRequestPublisher } from './match-request-publish.handlers.js';
import {
  ChallengeApplicationClosedNotifier,
  ChallengeApplicationDecidedNotifier,
  ChallengeApplicationSubmittedNotifier,
  ChallengeApplicationWithdrawnNotifier,
} from './challenge-notify.handlers.js';
import { ChallengeTermsChangedNotifier, ListingClosedNotifier, ListingTakedownNotifier } from './listing-notify.handlers.js';
import { NotificationPublisher } from './notification-publish.handlers.js';
import { TitleDecidedNotifier } from './title-notify.handlers.js';
import { TitleReviewDecidedNotifier } from './title-review-notify.handlers.js';
import { PolicyEntitlementNotifier } from './policy-reward-notify.handlers.js';
import { ProfileConsentNotifier } from './consent-notify.handlers.js';
import { ChallengeApplicationInformationNotifier, DeadlineOverdueNotifier } from './deadline-notify.handlers.js';
import { CaseMessageNotifier, CaseMessagePublisher } from './case-message-notify.handlers.js';
import { ConversationsModule } from '../../conversations/src/index.js';
import { MatchingModule } from '../../matching/src/index.js';
import { RewardsModule } from '../../rewards/src/index.js';
import { RecommendationDigestHandler, RecommendationPublisher, RecommendationPushedNotifier } from './recommendation-notify.handlers.js';

@Module({
  imports: [ConversationsModule, MatchingModule, RewardsModule],
  providers: [
    CaseMessageNotifier,
    CaseMessagePublisher,
    NotificationService,
    OrganizationRegisteredNotifier,
    OrganizationVerifiedNotifier,
    OrganizationVerificationDecidedNotifier,
    ChallengeApplicationSubmittedNotifier,
    ChallengeApplicationDecidedNotifier,
    ChallengeApplicationWithdrawnNotifier,
    ChallengeApplicationClosedNotifier,
    MatchRequestNotifier,
    MatchRequestPublisher,
    SignInFailuresNotifier,
    ListingClosedNotifier,
    ListingTakedownNotifier,
    ChallengeTermsChangedNotifier,
    NotificationPublisher,
    InvitationAcceptedNotifier,
    TitleDecidedNotifier,
    TitleReviewDecidedNotifier,
    PolicyEntitlementNotifier,
    ProfileConsentNotifier,
    DeadlineOverdueNotifier,
    ChallengeApplicationInformationNotifier,
    RecommendationPushedNotifier,
    RecommendationPublisher,
    RecommendationDigestHandler,
  ],
  exports: [NotificationService],
})
export class NotificationsModule {}
