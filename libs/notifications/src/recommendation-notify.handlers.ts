import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  CLOCK,
  type Clock,
  HandlesJob,
  type JobHandler,
  PUBSUB,
  type PubSub,
  QueueRegistry,
  RECOMMENDATION_ADDED,
  RECOMMENDATIONS_PER_MESSAGE,
  type RecommendationAddedMessage,
  systemClock,
  todayInShanghai,
} from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { OrganizationEntity, UserEntity } from '../../identity/src/index.js';
import { ListingEntity } from '../../listings/src/index.js';
import { figureFreeLabel, MatchEntity, PUSH_KIND_LABELS, RecommendationPushService, wants, type MatchListingKind, type PushedRecommendation } from '../../matching/src/index.js';
import { MailService } from '../../mail/src/index.js';
import { NotificationService, type NewNotification } from './notification.service.js';

/** Daily at 20:00 Beijing time: the day's pushes are in, members read it in the evening. */
export const RECOMMENDATION_DIGEST_PATTERN = '0 20 * * *';

/** Reasons in a notice: the strongest three. */
const REASONS_IN_NOTICE = 3;
/** Listings named in one digest (a firm gets at most the daily cap anyway). */
const DIGEST_LINES = 20;

const score1 = (s: number) => (Math.round(s * 10) / 10).toFixed(1);

/**
 * A listing was pushed to firms (the matching worker decided, ADR 0036): each firm gets one in-app
 * notice — who published what, the score and the strongest reasons, by name — for every member.
 * Replays insert nothing (the notice's unique event-kind-recipient key).
 */
@Injectable()
@HandlesJob('notify.recommendation-pushed')
export class RecommendationPushedNotifier implements JobHandler<'notify.recommendation-pushed'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pushes: RecommendationPushService,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.recommendation-pushed']): Promise<void> {
    const { listingId, batch, ownerOrganizationId } = job.data;
    const [listing, owner, pushed] = await Promise.all([
      this.dataSource.getRepository(ListingEntity).findOneBy({ id: listingId }),
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: ownerOrganizationId }),
      this.pushes.batch(batch),
    ]);
    // Closed (or gone) since the push was decided: nothing to tell.
    if (!listing || listing.status !== 'PUBLISHED' || pushed.length === 0) return;
    const matches = await this.dataSource.getRepository(MatchEntity).find({
      select: { enterpriseOrganizationId: true, reasons: true },
      where: { listingId, enterpriseOrganizationId: In(pushed.map((p) => p.organizationId)) },
    });
    const reasons = new Map(matches.map((m) => [m.enterpriseOrganizationId, m.reasons]));
    const noun = PUSH_KIND_LABELS[listing.kind as MatchListingKind];
    const items: NewNotification[] = pushed.map((p) => {
      const top = (reasons.get(p.organizationId) ?? [])
        .filter((r) => r.contribution > 0)
        .sort((a, b) => b.contribution - a.contribution)
        .slice(0, REASONS_IN_NOTICE)
        .map(figureFreeLabel); // never the firm's figures in a stored notice
      return {
        organizationId: p.organizationId,
        kind: 'recommendation.added',
        title: `为您推荐${noun}：${listing.title}`,
        body: `「${owner?.name ?? '发布机构'}」发布的${noun}「${listing.title}」与贵企业匹配，匹配分 ${score1(p.score)}（满分 100）。${top.length ? `主要理由：${top.join('；')}。` : ''}可在推荐列表中查看详情并申请对接。`,
        targetType: 'LISTING',
        targetId: listingId,
        sourceEventId: job.eventId,
      };
    });
    for (let i = 0; i < items.length; i += 5_000) await this.notifications.createMany(items.slice(i, i + 5_000));
  }
}

/** Passes pushed recommendations to the API processes (`Subscription.recommendationAdded`): listing and firm ids only. */
@Injectable()
@HandlesJob('recommendation.publish')
export class RecommendationPublisher implements JobHandler<'recommendation.publish'> {
  constructor(
    @Inject(PUBSUB) private readonly pubsub: PubSub,
    private readonly pushes: RecommendationPushService,
  ) {}

  async handle(job: JobPayloads['recommendation.publish']): Promise<void> {
    const firms = (await this.pushes.batch(job.data.batch)).map((p) => p.organizationId);
    for (let i = 0; i < firms.length; i += RECOMMENDATIONS_PER_MESSAGE) {
      const message: RecommendationAddedMessage = { listingId: job.data.listingId, organizationIds: firms.slice(i, i + RECOMMENDATIONS_PER_MESSAGE) };
      await this.pubsub.publish(RECOMMENDATION_ADDED, message);
    }
  }
}

/**
 * The daily digest: for each firm pushed something on the day, one in-app notice listing the day's
 * new matches (best first), and one mail to each member who opted in (only the kinds and scores the
 * member chose; nothing when none remain). Once per firm and day (recommendation_digests), in one
 * transaction with its notice and mails, so a retried run sends nothing twice.
 */
@Injectable()
@HandlesJob('recommendations.digest')
export class RecommendationDigestHandler implements JobHandler<'recommendations.digest'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pushes: RecommendationPushService,
    private readonly notifications: NotificationService,
    private readonly mail: MailService,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async handle(job: JobPayloads['recommendations.digest']): Promise<{ firms: number; mails: number }> {
    const day = job.day ?? todayInShanghai(this.clock.now());
    const byFirm = await this.pushes.pushedOnDay(day);
    if (byFirm.size === 0) return { firms: 0, mails: 0 };
    const listingIds = [...new Set([...byFirm.values()].flat().map((p) => p.listingId))];
    const listings = new Map((await this.dataSource.getRepository(ListingEntity).findBy({ id: In(listingIds) })).map((l) => [l.id, l]));
    let firms = 0;
    let mails = 0;
    for (const [organizationId, all] of byFirm) {
      // Only what can still be acted on: published listings.
      const live = all.filter((p) => listings.get(p.listingId)?.status === 'PUBLISHED');
      if (live.length === 0) continue;
      const members = await this.dataSource.getRepository(UserEntity).find({ select: { id: true, email: true }, where: { organizationId } });
      const prefs = await this.pushes.preferencesOfMany(members.map((u) => u.id));
      const line = (p: PushedRecommendation) => `· ${PUSH_KIND_LABELS[p.kind]}「${listings.get(p.listingId)!.title}」，匹配分 ${score1(p.score)}`;
      const sent = await this.dataSource.transaction(async (m) => {
        const [claimed] = await m.query(
          `INSERT INTO recommendation_digests (organization_id, day, entries) VALUES ($1, $2::date, $3) ON CONFLICT DO NOTHING RETURNING organization_id`,
          [organizationId, day, live.length],
        );
        if (!claimed) return null;
        const lines = live.slice(0, DIGEST_LINES).map(line);
        const more = live.length > DIGEST_LINES ? `\n另有 ${live.length - DIGEST_LINES} 条，请在推荐列表中查看。` : '';
        await this.notifications.createManyIn(m, [
          {
            organizationId,
            kind: 'recommendation.digest',
            title: `今日新推荐 ${live.length} 条（${day}）`,
            body: `${day} 为贵企业新推荐 ${live.length} 条：\n${lines.join('\n')}${more}`,
            // One digest per firm and day: the day as YYYYMMDD keys it (no outbox event causes it).
            sourceEventId: day.replaceAll('-', ''),
          },
        ]);
        let queued = 0;
        for (const u of members) {
          const p = prefs.get(u.id)!;
          if (!p.digestByMail) continue;
          const mine = live.filter((r) => wants(p, r.kind, r.score));
          if (mine.length === 0) continue;
          await this.mail.queue(m, {
            to: u.email,
            kind: 'recommendation.digest',
            subject: `今日新推荐 ${mine.length} 条（${day}）`,
            lines: [`${day} 平台为贵企业新推荐 ${mine.length} 条与贵企业匹配的信息：`, ...mine.slice(0, DIGEST_LINES).map(line), '可在“推荐”中查看理由并申请对接；在推送设置中可调整类别、最低匹配分和邮件摘要。'],
            action: { label: '查看推荐', path: '/recommendations' },
          });
          queued++;
        }
        await m.query('UPDATE recommendation_digests SET mails = $3 WHERE organization_id = $1 AND day = $2::date', [organizationId, day, queued]);
        return queued;
      });
      if (sent === null) continue;
      firms++;
      mails += sent;
    }
    return { firms, mails };
  }
}

/** Registers the daily digest with BullMQ's job scheduler (idempotent). */
@Injectable()
export class RecommendationDigestScheduler implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('recommendations.digest', RECOMMENDATION_DIGEST_PATTERN);
  }
}
