import { Module } from '@nestjs/common';
import { ListingService } from './listing.service.js';
import { ChallengeApplicationService } from './challenges/challenge-application.service.js';
import { workingCalendarProvider } from './working-calendar.provider.js';

@Module({ providers: [ListingService, ChallengeApplicationService, workingCalendarProvider], exports: [ListingService, ChallengeApplicationService, workingCalendarProvider] })
export class ListingsModule {}
