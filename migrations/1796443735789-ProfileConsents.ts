import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consents and the access log (issue 18, ADR 0035): profile_consents (a firm's grants, with the
 * snapshot of the financial years granted) and profile_access_log (reads of firms' protected data,
 * ids and section names only). The shareProfile grants of live cases become default consents (every
 * section, the years on file now, for a year from now, ending with their case), so nothing a
 * listing's owner could read before is lost. down() removes exactly these.
 */
export class ProfileConsents1796443735789 implements MigrationInterface {
  name = 'ProfileConsents1796443735789';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."consent_purpose" AS ENUM('MATCH_REQUEST', 'CHALLENGE_APPLICATION', 'STANDING')`);
    await queryRunner.query(`CREATE TYPE "public"."profile_section" AS ENUM('BASIC', 'FINANCIALS', 'IP', 'TIER_ASSESSMENTS', 'NEEDS')`);
    await queryRunner.query(`CREATE TABLE "profile_consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grantor_organization_id" uuid NOT NULL, "grantee_organization_id" uuid NOT NULL, "purpose" "public"."consent_purpose" NOT NULL, "match_request_id" uuid, "challenge_application_id" uuid, "sections" "public"."profile_section" array NOT NULL, "financial_years" integer array NOT NULL DEFAULT '{}', "financials_snapshot" jsonb NOT NULL DEFAULT '[]', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "granted_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_profile_consents_period" CHECK (expires_at > starts_at), CONSTRAINT "ck_profile_consents_purpose" CHECK ((purpose = 'MATCH_REQUEST') = (match_request_id IS NOT NULL) AND (purpose = 'CHALLENGE_APPLICATION') = (challenge_application_id IS NOT NULL)), CONSTRAINT "ck_profile_consents_not_self" CHECK (grantor_organization_id <> grantee_organization_id), CONSTRAINT "PK_f7e6720cde39d2e9a17e64ef02c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_profile_consents_grantee_page" ON "profile_consents"  ("grantee_organization_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_profile_consents_grantee" ON "profile_consents"  ("grantee_organization_id", "grantor_organization_id") `);
    await queryRunner.query(`CREATE INDEX "ix_profile_consents_grantor" ON "profile_consents"  ("grantor_organization_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."profile_access_operation" AS ENUM('ENTERPRISE_PROFILE', 'LEAD', 'CASE_ATTACHMENT')`);
    await queryRunner.query(`CREATE TYPE "public"."profile_access_section" AS ENUM('BASIC', 'FINANCIALS', 'IP', 'TIER_ASSESSMENTS', 'NEEDS', 'ATTACHMENTS')`);
    await queryRunner.query(`CREATE TYPE "public"."profile_access_outcome" AS ENUM('READ', 'REFUSED')`);
    await queryRunner.query(`CREATE TABLE "profile_access_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "reader_organization_id" uuid NOT NULL, "reader_user_id" uuid NOT NULL, "operation" "public"."profile_access_operation" NOT NULL, "sections" "public"."profile_access_section" array NOT NULL, "financial_years" integer array NOT NULL DEFAULT '{}', "outcome" "public"."profile_access_outcome" NOT NULL, "consent_id" uuid, "subject_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_daa2f2fbd4e67026c96ce36e1d8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_profile_access_log_created" ON "profile_access_log"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_profile_access_log_organization" ON "profile_access_log"  ("organization_id", "created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "profile_consents" ADD CONSTRAINT "FK_d11f503040ec0c127c7bfbfb514" FOREIGN KEY ("grantor_organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "profile_consents" ADD CONSTRAINT "FK_a8ce8e36166c43d18df6804eda9" FOREIGN KEY ("grantee_organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // shareProfile grants of live cases carried over as default consents.
    await queryRunner.query(`INSERT INTO profile_consents (grantor_organization_id, grantee_organization_id, purpose, match_request_id, sections, financial_years, financials_snapshot, starts_at, expires_at, created_at)
      SELECT r.enterprise_organization_id, r.owner_organization_id, 'MATCH_REQUEST', r.id, '{BASIC,FINANCIALS,IP,TIER_ASSESSMENTS,NEEDS}',
             coalesce(s.years, '{}'), coalesce(s.snapshot, '[]'), now(), now() + interval '365 days', r.created_at
        FROM match_requests r
        LEFT JOIN LATERAL (SELECT array_agg(f.year ORDER BY f.year DESC) AS years, jsonb_agg(jsonb_build_object('year', f.year, 'revenue', f.revenue, 'mainBusinessRevenue', f.main_business_revenue, 'rdExpense', f.rd_expense,
              'netProfit', f.net_profit, 'totalAssets', f.total_assets, 'totalLiabilities', f.total_liabilities, 'employees', f.employees,
              'rdEmployees', f.rd_employees, 'equityFinancing', f.equity_financing) ORDER BY f.year DESC) AS snapshot
                             FROM enterprise_financials f WHERE f.organization_id = r.enterprise_organization_id) s ON true
       WHERE r.share_profile AND r.status IN ('PENDING', 'ACCEPTED', 'COMPLETED') AND r.enterprise_organization_id <> r.owner_organization_id`);
    await queryRunner.query(`INSERT INTO profile_consents (grantor_organization_id, grantee_organization_id, purpose, challenge_application_id, sections, financial_years, financials_snapshot, starts_at, expires_at, created_at)
      SELECT a.applicant_organization_id, l.owner_organization_id, 'CHALLENGE_APPLICATION', a.id, '{BASIC,FINANCIALS,IP,TIER_ASSESSMENTS,NEEDS}',
             coalesce(s.years, '{}'), coalesce(s.snapshot, '[]'), now(), now() + interval '365 days', a.created_at
        FROM challenge_applications a JOIN listings l ON l.id = a.challenge_id
        LEFT JOIN LATERAL (SELECT array_agg(f.year ORDER BY f.year DESC) AS years, jsonb_agg(jsonb_build_object('year', f.year, 'revenue', f.revenue, 'mainBusinessRevenue', f.main_business_revenue, 'rdExpense', f.rd_expense,
              'netProfit', f.net_profit, 'totalAssets', f.total_assets, 'totalLiabilities', f.total_liabilities, 'employees', f.employees,
              'rdEmployees', f.rd_employees, 'equityFinancing', f.equity_financing) ORDER BY f.year DESC) AS snapshot
                             FROM enterprise_financials f WHERE f.organization_id = a.applicant_organization_id) s ON true
       WHERE a.share_profile AND a.status IN ('SUBMITTED', 'SHORTLISTED', 'ACCEPTED') AND a.applicant_organization_id <> l.owner_organization_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "profile_consents" DROP CONSTRAINT "FK_a8ce8e36166c43d18df6804eda9"`);
    await queryRunner.query(`ALTER TABLE "profile_consents" DROP CONSTRAINT "FK_d11f503040ec0c127c7bfbfb514"`);
    await queryRunner.query(`DROP INDEX "public"."ix_profile_access_log_organization"`);
    await queryRunner.query(`DROP INDEX "public"."ix_profile_access_log_created"`);
    await queryRunner.query(`DROP TABLE "profile_access_log"`);
    await queryRunner.query(`DROP TYPE "public"."profile_access_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."profile_access_section"`);
    await queryRunner.query(`DROP TYPE "public"."profile_access_operation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_profile_consents_grantor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_profile_consents_grantee"`);
    await queryRunner.query(`DROP INDEX "public"."ix_profile_consents_grantee_page"`);
    await queryRunner.query(`DROP TABLE "profile_consents"`);
    await queryRunner.query(`DROP TYPE "public"."profile_section"`);
    await queryRunner.query(`DROP TYPE "public"."consent_purpose"`);
  }
}
