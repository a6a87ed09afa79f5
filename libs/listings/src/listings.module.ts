import { Module } from '@nestjs/common';
import { ListingService } from './listing.service.js';
import { ChallengeApplicationService } from './challenges/challenge-application.service.js';

@Module({ providers: [ListingService, ChallengeApplicationService], exports: [ListingService, ChallengeApplicationService] })
export class ListingsModule {}
