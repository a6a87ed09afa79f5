import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inTransaction } from '../../../../libs/platform/src/database/data-source.js';
import { IdentityService } from '../../../../libs/identity/src/identity.service.js';
import type { RequestContext } from '../graphql/request-context.js';
import { parseId } from '../../../../libs/platform/src/errors/ids.js';
import DataLoader from 'dataloader';
import { OrganizationDetailsService } from '../../../../libs/identity/src/organizations/organization-details.js';
import type { Loaders } from '../graphql/request-context.js';
import { OrganizationModel, UserModel } from './identity.models.js';
import { OrganizationContactModel } from './members.models.js';
import { toOrganizationModel } from './identity.mappers.js';

@Resolver(() => OrganizationModel)
export class OrganizationResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly identity: IdentityService,
    private readonly details: OrganizationDetailsService,
  ) {}

  /** Per request (keyed by the request's loaders): which organizations' contact details the caller may read. */
  private readonly contactLoaders = new WeakMap<Loaders, DataLoader<string, boolean>>();

  @ResolveField(() => OrganizationContactModel, {
    nullable: true,
    description:
      '联系方式：本机构、主管部门，以及对接申请或揭榜申请已被接受（ACCEPTED/COMPLETED）的对方机构可见；其他人为 null ' +
      '(contact details; null unless the caller is the organization, the AUTHORITY, or the other side of an accepted match request or 揭榜 application).',
  })
  async contact(@Parent() org: OrganizationModel, @Context() ctx: RequestContext): Promise<OrganizationContactModel | null> {
    const actor = ctx.actor;
    if (!actor) return null;
    let loader = this.contactLoaders.get(ctx.loaders);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly string[]) => {
        const visible = await this.details.contactVisible(this.dataSource.manager, actor, ids);
        return ids.map((id) => visible.has(id));
      });
      this.contactLoaders.set(ctx.loaders, loader);
    }
    if (!(await loader.load(org.id))) return null;
    return Object.assign(new OrganizationContactModel(), org.contactDetails);
  }

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
