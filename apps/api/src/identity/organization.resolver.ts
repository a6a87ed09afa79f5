import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/database/data-source.js';
import { IdentityService } from '../../../../libs/identity/src/identity.service.js';
import type { RequestContext } from '../graphql/request-context.js';
import { parseId } from '../../../../libs/platform/src/errors/ids.js';
import { OrganizationModel, UserModel } from './identity.models.js';
import { toOrganizationModel } from './identity.mappers.js';

@Resolver(() => OrganizationModel)
export class OrganizationResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
  ) {}

  /** Organizations are public registry facts (name, USCC, region); any signed-in user may look one up. */
  @Query(() => OrganizationModel, { nullable: true })
  async organization(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<OrganizationModel | null> {
    ctx.requireActor();
    const org = await ctx.loaders.organization.load(parseId(id, 'id'));
    return org ? toOrganizationModel(org) : null;
  }

  @Mutation(() => OrganizationModel, { description: 'AUTHORITY only.' })
  async verifyOrganization(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    const actor = ctx.actor;
    const org = await inTransaction(this.dataSource, (manager) => this.identity.verifyOrganization(manager, actor, id));
    ctx.loaders.organization.clear(org.id);
    return toOrganizationModel(org);
  }
}

@Resolver(() => UserModel)
export class UserResolver {
  @ResolveField(() => OrganizationModel)
  async organization(@Parent() user: UserModel, @Context() ctx: RequestContext): Promise<OrganizationModel> {
    const org = await ctx.loaders.organization.load(user.organizationId);
    if (!org) throw new Error(`user ${user.id} has no organization`);
    return toOrganizationModel(org);
  }
}
