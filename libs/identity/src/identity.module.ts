import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/src/config/config.js';
import { TokenService } from './auth/token.service.js';
import { IdentityService } from './identity.service.js';
import { VerificationService } from './verification/verification.service.js';
import { InvitationMailer } from './members/invitation-mailer.js';
import { MembersService } from './members/members.service.js';
import { OwnerActivationService } from './members/owner-activation.service.js';
import { OrganizationDetailsService } from './organizations/organization-details.js';

@Module({
  providers: [
    IdentityService,
    VerificationService,
    InvitationMailer,
    MembersService,
    OwnerActivationService,
    OrganizationDetailsService,
    {
      provide: TokenService,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenService(config.jwtSecret!, config.jwtTtlSeconds),
    },
  ],
  exports: [IdentityService, TokenService, VerificationService, MembersService, OwnerActivationService, OrganizationDetailsService],
})
export class IdentityModule {}
