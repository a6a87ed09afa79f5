import { Args, Context, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { NotificationService } from '../../../../libs/notifications/src/notification.service.js';
import { badInput } from '../../../../libs/platform/src/errors/app-error.js';
import type { RequestContext } from '../graphql/request-context.js';
import { DateTimeScalar } from '../graphql/scalars.js';

@ObjectType('Notification', { description: "An in-app message to the caller's organization." })
export class NotificationModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'e.g. organization.verified, organization.pending-review' })
  kind: string;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  readAt: Date | null;
}

@Resolver(() => NotificationModel)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @Query(() => [NotificationModel], { description: "Newest first, for the caller's organization." })
  async notifications(
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<NotificationModel[]> {
    const actor = ctx.requireActor();
    if (first < 1 || first > 100) throw badInput('first 需在 1–100 之间 (first must be between 1 and 100)', 'first');
    const rows = await this.service.listFor(actor.organizationId, first);
    return rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, createdAt: n.createdAt, readAt: n.readAt }));
  }
}
