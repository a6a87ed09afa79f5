import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { AppError } from '../../libs/platform/src/errors/app-error.js';
import type { Actor } from '../../libs/identity/src/access/access-policy.js';
import type { OrganizationKind } from '../../libs/identity/src/organizations/organization-kind.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { ListingEntity } from '../../libs/listings/src/entities/listing.entity.js';
import { MatchRequestService } from '../../libs/matching/src/requests/match-request.service.js';
import { MatchRequestEntity } from '../../libs/matching/src/requests/match-request.entity.js';
import { openTestDataSource } from '../helpers/test-database.js';

describe('MatchRequestService (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let service: MatchRequestService;
  let bank: Actor;
  let firm: Actor;

  async function makeOrg(kind: OrganizationKind): Promise<Actor> {
    const body = [...randomBytes(8)].map((b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
    const org = await dataSource.getRepository(OrganizationEntity).save({ kind, name: `对接测试 ${body}`, uscc: makeUscc('91', '330281', body), regionCode: '330281', verified: true, verifiedAt: new Date() });
    return { userId: randomUUID(), organizationId: org.id, kind, verified: true };
  }

  async function publishedProduct(): Promise<string> {
    const listing = await dataSource.getRepository(ListingEntity).save({
      kind: 'CREDIT_PRODUCT' as const,
      ownerOrganizationId: bank.organizationId,
      status: 'PUBLISHED' as const,
      title: '姚江科创信用贷',
      description: '面向专精特新中小企业的纯信用贷款。',
      regionCodes: ['330281'],
      industryCodes: [],
      tags: [],
      publishedAt: new Date(),
      closedAt: null,
    });
    return listing.id;
  }

  beforeAll(async () => {
    const opened = await openTestDataSource();
    dataSource = opened.dataSource;
    closeDb = opened.close;
    service = new MatchRequestService(dataSource);
    bank = await makeOrg('BANK');
    firm = await makeOrg('ENTERPRISE');
  });
  afterAll(async () => {
    await closeDb?.();
  });

  it('of two concurrent requests by one enterprise for one listing exactly one is created; the other is CONFLICT', async () => {
    const listingId = await publishedProduct();
    const results = await Promise.allSettled(
      [1, 2].map(() => dataSource.transaction((m) => service.request(m, firm, { listingId, shareProfile: false }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).code).toBe('CONFLICT');
    expect(await dataSource.getRepository(MatchRequestEntity).countBy({ listingId })).toBe(1);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'match-request.created' AND payload->>'listingId' = $1`, [listingId]);
    expect(n).toBe(1);
  });

  it('of a concurrent accept and cancel exactly one applies; the loser is CONFLICT and wrote nothing', async () => {
    const listingId = await publishedProduct();
    const { id } = await dataSource.transaction((m) => service.request(m, firm, { listingId, shareProfile: true }));
    const results = await Promise.allSettled([
      dataSource.transaction((m) => service.respond(m, bank, id, true)),
      dataSource.transaction((m) => service.cancel(m, firm, id)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as AppError).code).toBe('CONFLICT');
    const row = await dataSource.getRepository(MatchRequestEntity).findOneByOrFail({ id });
    expect(row.version).toBe(2);
    expect(['ACCEPTED', 'CANCELLED']).toContain(row.status);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1`, [id]);
    expect(n).toBe(2);
  });

  it('the database refuses a rating outside 1–5 even if the service check were bypassed', async () => {
    const listingId = await publishedProduct();
    const { id } = await dataSource.transaction((m) => service.request(m, firm, { listingId, shareProfile: false }));
    await expect(dataSource.query(`UPDATE match_requests SET rating = 6 WHERE id = $1`, [id])).rejects.toThrow(/ck_match_requests_rating/);
  });
});
