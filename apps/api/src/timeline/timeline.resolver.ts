import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganizationModel } from '../identity/identity.models.js';
import { toOrganizationModel } from '../identity/identity.mappers.js';
import type { RequestContext } from '../graphql/request-context.js';
import { TimelineEntryModel } from './timeline.models.js';

/** Who acted on a timeline step: an organization both parties already see (null for the platform's own steps). */
@Resolver(() => TimelineEntryModel)
export class TimelineEntryResolver {
  @ResolveField(() => OrganizationModel, { nullable: true, description: '执行该步骤的机构；平台自动发出的提醒和上报为空 (the organization that acted; null for the platform\'s reminders and escalations)' })
  async actorOrganization(@Parent() entry: TimelineEntryModel, @Context() ctx: RequestContext) {
    if (!entry.actorOrganizationId) return null;
    const org = await ctx.loaders.organization.load(entry.actorOrganizationId);
    return org ? toOrganizationModel(org) : null;
  }
}
