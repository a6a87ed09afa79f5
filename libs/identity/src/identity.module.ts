import { Inject, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, RUNTIME, type AppConfig, type Runtime } from '../../platform/src/index.js';
import { ActorCache } from './auth/actor-cache.js';
import { TokenService } from './auth/token.service.js';
import { IdentityService } from './identity.service.js';
import { VerificationService } from './verification/verification.service.js';
import { CredentialsService } from './auth/credentials.service.js';
import { RateLimiter } from './auth/rate-limiter.js';
import { InvitationMailer } from './members/invitation-mailer.js';
import { MembersService } from './members/members.service.js';
import { OwnerActivationService } from './members/owner-activation.service.js';
import { OrganizationDetailsService } from './organizations/organization-details.service.js';

/** The process's actor cache (ADR 0041), registered on its DataSource; every process with identity sends its actor changes through it. */
@Injectable()
export class ActorCacheHolder implements OnModuleDestroy {
  readonly cache: ActorCache;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    this.cache = new ActorCache(runtime.database.dataSource, runtime.pubsub, {
      // Only API processes read actors; a worker's cache stays off and only sends.
      ttlMs: runtime.role === 'worker' ? 0 : runtime.config.actorCacheSeconds * 1000,
      log: (level, message) => runtime.logger[level](message),
    });
  }

  onModuleDestroy(): void {
    this.cache.close();
  }
}

@Module({
  providers: [
    ActorCacheHolder,
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
