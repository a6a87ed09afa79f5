import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/database/data-source.js';
import { ChallengeApplicationService, visibleApplications } from '../../../../libs/listings/src/challenges/challenge-application.service.js';
import type { ApplicationDecision } from '../../../../libs/listings/src/listing-enums.js';
import type { RequestContext } from '../graphql/request-context.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import { ApplicationDecisionEnum, ChallengeApplicationInput, ChallengeApplicationModel } from './listing.inputs.js';
import { ChallengeModel } from './listing.models.js';
import { toApplicationModel, toListingModel } from './listing.mapper.js';

/** 揭榜: apply, decide, withdraw; applications visible to applicant, challenge owner and AUTHORITY. */
@Resolver(() => ChallengeApplicationModel)
export class ChallengeApplicationResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ChallengeApplicationService,
  ) {}

  @Mutation(() => ChallengeApplicationModel, { description: 'ENTERPRISE only, on a published challenge before applyBy.' })
  async applyToChallenge(@Args('input') input: ChallengeApplicationInput, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return toApplicationModel(await inTransaction(this.dataSource, (m) => this.applications.apply(m, actor, input)));
  }

  @Mutation(() => ChallengeApplicationModel, { description: "The challenge's owner only." })
  async decideChallengeApplication(
    @Args('id', { type: () => ID }) id: string,
    @Args('decision', { type: () => ApplicationDecisionEnum }) decision: ApplicationDecision,
    @Context() ctx: RequestContext,
    @Args('comment', { type: () => String, nullable: true }) comment?: string | null,
  ) {
    const actor = ctx.actor;
    return toApplicationModel(await inTransaction(this.dataSource, (m) => this.applications.decide(m, actor, id, decision, comment)));
  }

  @Mutation(() => ChallengeApplicationModel, { description: 'The applicant only, while SUBMITTED or SHORTLISTED; a new application may follow.' })
  async withdrawChallengeApplication(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    const actor = ctx.actor;
    return toApplicationModel(await inTransaction(this.dataSource, (m) => this.applications.withdraw(m, actor, id)));
  }

  @Query(() => ChallengeApplicationModel, { description: 'For its applicant, the challenge owner and AUTHORITY.' })
  async challengeApplication(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return toApplicationModel(await this.applications.getVisible(ctx.requireActor(), id));
  }

  @ResolveField(() => ChallengeModel)
  async challenge(@Parent() application: ChallengeApplicationModel, @Context() ctx: RequestContext) {
    const full = await ctx.loaders.listing.load(application.challengeId);
    if (!full) throw new Error(`application ${application.id} has no challenge`);
    return toListingModel(full);
  }

  @ResolveField(() => OrganizationModel)
  async applicant(@Parent() application: ChallengeApplicationModel, @Context() ctx: RequestContext) {
    const org = await ctx.loaders.organization.load(application.applicantOrganizationId);
    if (!org) throw new Error(`application ${application.id} has no applicant`);
    return toOrganizationModel(org);
  }
}

@Resolver(() => ChallengeModel)
export class ChallengeResolver {
  @ResolveField(() => [ChallengeApplicationModel], { description: "Visible to the challenge's owner and AUTHORITY; others see only their own." })
  async applications(@Parent() challenge: ChallengeModel, @Context() ctx: RequestContext) {
    const all = await ctx.loaders.applicationsByChallenge.load(challenge.id);
    return visibleApplications(ctx.actor, challenge.ownerOrganizationId, all).map(toApplicationModel);
  }
}
