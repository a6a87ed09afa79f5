import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { AccessLogService, type AccessRecord } from '../../libs/enterprises/src/consent/access-log.service.js';
import { SettableClock } from '../../libs/platform/src/time/clock.js';
import { openTestDataSource } from '../helpers/test-database.js';

/** The access log on a real PostgreSQL (ADR 0035): one statement for a batch, pages, the retention purge. */
describe('access log (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  const clock = new SettableClock(new Date('2026-06-01T00:00:00Z'));
  let log: AccessLogService;
  const firm = randomUUID();
  const row = (over: Partial<AccessRecord> = {}): AccessRecord => ({
    organizationId: firm,
    readerOrganizationId: randomUUID(),
    readerUserId: randomUUID(),
    operation: 'ENTERPRISE_PROFILE',
    sections: ['BASIC', 'FINANCIALS'],
    financialYears: [2025, 2024],
    outcome: 'READ',
    ...over,
  });

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDataSource());
    log = new AccessLogService(dataSource, clock);
  });
  afterAll(async () => {
    await close?.();
  });

  it('writes a batch in one statement, sections and years as given, and pages it newest first', async () => {
    const statements: string[] = [];
    const query = dataSource.query.bind(dataSource);
    dataSource.query = ((sql: string, params?: unknown[]) => {
      statements.push(sql);
      return query(sql, params);
    }) as typeof dataSource.query;
    try {
      await log.write([row(), row({ outcome: 'REFUSED', sections: ['IP'], financialYears: [] }), row({ operation: 'LEAD', subjectId: randomUUID(), consentId: randomUUID() })]);
      await log.write([]);
    } finally {
      dataSource.query = query;
    }
    expect(statements).toHaveLength(1);
    const page = await log.page(firm, 2);
    expect(page.totalCount).toBe(3);
    expect(page.rows).toHaveLength(2);
    expect(page.hasNextPage).toBe(true);
    const rest = await log.page(firm, 2, page.endCursor);
    expect(rest.rows).toHaveLength(1);
    const all = [...page.rows, ...rest.rows];
    expect(all.map((r) => r.outcome).sort()).toEqual(['READ', 'READ', 'REFUSED']);
    expect(all.find((r) => r.outcome === 'REFUSED')).toMatchObject({ sections: ['IP'], financialYears: [], consentId: null });
    expect(all.find((r) => r.operation === 'LEAD')!.subjectId).not.toBeNull();
  });

  it('purges rows older than the retention, and only those', async () => {
    const other = randomUUID();
    clock.set(new Date('2026-01-01T00:00:00Z'));
    await log.write([row({ organizationId: other })]);
    clock.set(new Date('2026-03-01T00:00:00Z'));
    await log.write([row({ organizationId: other })]);
    clock.set(new Date('2026-03-31T00:00:00Z'));
    const before = (await log.page(firm, 100)).totalCount;
    // Retention 30 days at 2026-03-31: the January row goes, the March one (30 days old exactly) stays.
    expect(await log.purge(30)).toBeGreaterThanOrEqual(1);
    expect((await log.page(other, 100)).rows.map((r) => r.createdAt.toISOString())).toEqual(['2026-03-01T00:00:00.000Z']);
    expect((await log.page(firm, 100)).totalCount).toBe(before);
  });
});
