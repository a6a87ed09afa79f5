import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/src/index.js';
import { TokenService } from './auth/token.service.js';
import { IdentityService } from './identity.service.js';
import { VerificationService } from './verification/verification.service.js';
import { CredentialsService } from './auth/credentials.service.js';
import { RateLimiter } from './auth/rate-limiter.js';
import { InvitationMailer } from './members/invitation-mailer.js';
import { MembersService } from './members/members.service.js';
import { OwnerActivationService } from './members/owner-activation.service.js';
import { OrganizationDetailsService } from './organizations/organization-details.service.js';

@Module({
  providers: [
    IdentityService,
    VerificationService,
    CredentialsService,
    // The reusable throttle (register, password reset, invitations): inject RateLimiter and call consume().
    {
      provide: RateLimiter,
      inject: [getDataSourceToken(), APP_CONFIG],
      useFactory: (dataSource: DataSource, config: AppConfig) => new RateLimiter(dataSource, config.rateLimitMultiplier),
    },
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
  exports: [IdentityService, TokenService, VerificationService, CredentialsService, RateLimiter, MembersService, OwnerActivationService, OrganizationDetailsService],
})
export class IdentityModule {}
