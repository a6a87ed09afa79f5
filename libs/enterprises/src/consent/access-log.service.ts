import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, fetchKeysetPage, systemClock, type Clock, type KeysetPage } from '../../../platform/src/index.js';
import { ProfileAccessEntity, type AccessOperation, type AccessOutcome, type AccessSection } from './profile-access.entity.js';
import { DAY_MS } from './consent-scope.js';

/** One read to log: ids and section names only, never figures. */
export interface AccessRecord {
  organizationId: string;
  readerOrganizationId: string;
  readerUserId: string;
  operation: AccessOperation;
  sections: readonly AccessSection[];
  financialYears?: readonly number[];
  outcome: AccessOutcome;
  consentId?: string | null;
  subjectId?: string | null;
}

/** The access log of firms' protected data (issue 18 item 2): written in batches, read by the firm and the AUTHORITY, purged after the retention. */
@Injectable()
export class AccessLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  /** Writes `records` in ONE statement (outside any transaction: a refused read is logged though the request fails). */
  async write(records: readonly AccessRecord[]): Promise<void> {
    if (records.length === 0) return;
    const now = this.clock.now();
    await this.dataSource.query(
      `INSERT INTO profile_access_log (organization_id, reader_organization_id, reader_user_id, operation, sections, financial_years, outcome, consent_id, subject_id, created_at)
       SELECT r.organization_id, r.reader_organization_id, r.reader_user_id, r.operation::profile_access_operation,
              ARRAY(SELECT jsonb_array_elements_text(r.sections))::profile_access_section[],
              ARRAY(SELECT jsonb_array_elements_text(r.financial_years)::int),
              r.outcome::profile_access_outcome, r.consent_id, r.subject_id, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(organization_id uuid, reader_organization_id uuid, reader_user_id uuid, operation text,
              sections jsonb, financial_years jsonb, outcome text, consent_id uuid, subject_id uuid)`,
      [
        JSON.stringify(
          records.map((r) => ({
            organization_id: r.organizationId,
            reader_organization_id: r.readerOrganizationId,
            reader_user_id: r.readerUserId,
            operation: r.operation,
            sections: r.sections,
            financial_years: r.financialYears ?? [],
            outcome: r.outcome,
            consent_id: r.consentId ?? null,
            subject_id: r.subjectId ?? null,
          })),
        ),
        now,
      ],
    );
  }

  /** Newest first; `organizationId` null: every firm's (the AUTHORITY's oversight). */
  async page(organizationId: string | null, first: number, after?: string | null): Promise<KeysetPage<ProfileAccessEntity> & { totalCount: number }> {
    const qb = this.dataSource.getRepository(ProfileAccessEntity).createQueryBuilder('a');
    if (organizationId) qb.where('a.organizationId = :organizationId', { organizationId });
    const totalCount = await qb.clone().getCount();
    return { ...(await fetchKeysetPage(qb, 'a', 'profile_access_log', first, after)), totalCount };
  }

  /** Deletes rows older than `retentionDays`; resolves to how many. */
  async purge(retentionDays: number): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - retentionDays * DAY_MS);
    const [, deleted] = (await this.dataSource.query('DELETE FROM profile_access_log WHERE created_at < $1', [cutoff])) as [unknown, number];
    return deleted;
  }
}
