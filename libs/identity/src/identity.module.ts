import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/src/config/config.js';
import { TokenService } from './auth/token.service.js';
import { IdentityService } from './identity.service.js';
import { VerificationService } from './verification/verification.service.js';

@Module({
  providers: [
    IdentityService,
    VerificationService,
    {
      provide: TokenService,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenService(config.jwtSecret!, config.jwtTtlSeconds),
    },
  ],
  exports: [IdentityService, TokenService, VerificationService],
})
export class IdentityModule {}
