import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchRequestsAndInsights1795268364161 implements MigrationInterface {
  name = 'MatchRequestsAndInsights1795268364161';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."match_request_status" AS ENUM('PENDING', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'CANCELLED')`);
    await queryRunner.query(`CREATE TYPE "public"."match_outcome" AS ENUM('SUCCESS', 'FAILURE')`);
    await queryRunner.query(`CREATE TABLE "match_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "listing_id" uuid NOT NULL, "listing_kind" "public"."listing_kind" NOT NULL, "owner_organization_id" uuid NOT NULL, "enterprise_organization_id" uuid NOT NULL, "enterprise_region_code" text NOT NULL, "message" text, "requested_amount" bigint, "share_profile" boolean NOT NULL, "status" "public"."match_request_status" NOT NULL DEFAULT 'PENDING', "response_message" text, "outcome" "public"."match_outcome", "rating" smallint, "responded_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_match_requests_rating" CHECK (rating IS NULL OR rating BETWEEN 1 AND 5), CONSTRAINT "PK_7349a97326e887defffe4531598" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_match_requests_created" ON "match_requests"  ("created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_match_requests_listing" ON "match_requests"  ("listing_id") `);
    await queryRunner.query(`CREATE INDEX "ix_match_requests_owner" ON "match_requests"  ("owner_organization_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_match_requests_enterprise" ON "match_requests"  ("enterprise_organization_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_match_requests_open" ON "match_requests"  ("listing_id", "enterprise_organization_id") WHERE status IN ('PENDING', 'ACCEPTED')`);
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid, "organization_id" uuid, "organization_kind" text, "operation" text NOT NULL, "target_id" text, "outcome" text NOT NULL, "request_id" text, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    // Append-only: rows can be inserted and read, never changed or removed.
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP; END $$`,
    );
    await queryRunner.query(`CREATE TRIGGER "audit_log_no_change" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`);
    await queryRunner.query(`CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_operation_at" ON "audit_log"  ("operation", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_org_at" ON "audit_log"  ("organization_id", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_log_at" ON "audit_log"  ("at", "id") `);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" ADD "eligible_tier" "public"."enterprise_tier"`);
    // The authority's monthly figures, refreshed by the insights worker shortly after match requests change.
    await queryRunner.query(`CREATE MATERIALIZED VIEW "insights_matchmaking_monthly" AS
      SELECT date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date AS month_start,
             enterprise_region_code AS region_code, listing_kind,
             count(*)::int AS requests,
             count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
             count(*) FILTER (WHERE status = 'ACCEPTED')::int AS accepted,
             count(*) FILTER (WHERE status = 'DECLINED')::int AS declined,
             count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
             count(*) FILTER (WHERE status = 'COMPLETED' AND outcome = 'SUCCESS')::int AS successful,
             count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM responded_at - created_at) / 3600) FILTER (WHERE responded_at IS NOT NULL) AS median_hours
        FROM match_requests GROUP BY 1, 2, 3`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_insights_matchmaking_monthly" ON "insights_matchmaking_monthly" ("month_start", "region_code", "listing_kind")`);
    await queryRunner.query(`CREATE MATERIALIZED VIEW "insights_financing_monthly" AS
      SELECT date_trunc('month', r.created_at AT TIME ZONE 'Asia/Shanghai')::date AS month_start,
             r.enterprise_region_code AS region_code, c.product_type,
             count(*)::int AS requests,
             count(*) FILTER (WHERE r.status = 'COMPLETED')::int AS completed,
             count(*) FILTER (WHERE r.status = 'COMPLETED' AND r.outcome = 'SUCCESS')::int AS successful,
             coalesce(sum(r.requested_amount) FILTER (WHERE r.status = 'COMPLETED'), 0)::bigint AS completed_amount,
             coalesce(sum(r.requested_amount) FILTER (WHERE r.status = 'COMPLETED' AND r.outcome = 'SUCCESS'), 0)::bigint AS successful_amount
        FROM match_requests r JOIN credit_products c ON c.listing_id = r.listing_id
       WHERE r.listing_kind = 'CREDIT_PRODUCT' GROUP BY 1, 2, 3`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_insights_financing_monthly" ON "insights_financing_monthly" ("month_start", "region_code", "product_type")`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD CONSTRAINT "FK_f408368544eb4698ce10f979383" FOREIGN KEY ("listing_id") REFERENCES "listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD CONSTRAINT "FK_a458cbdf6cd8b8d8d5a1315a339" FOREIGN KEY ("owner_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD CONSTRAINT "FK_f94a9b31cbf53ebb53f3d8a43cc" FOREIGN KEY ("enterprise_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP MATERIALIZED VIEW "insights_financing_monthly"`);
    await queryRunner.query(`DROP MATERIALIZED VIEW "insights_matchmaking_monthly"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP CONSTRAINT "FK_f94a9b31cbf53ebb53f3d8a43cc"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP CONSTRAINT "FK_a458cbdf6cd8b8d8d5a1315a339"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP CONSTRAINT "FK_f408368544eb4698ce10f979383"`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" DROP COLUMN "eligible_tier"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_org_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_log_operation_at"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_no_truncate" ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER "audit_log_no_change" ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_append_only"()`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."uq_match_requests_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_match_requests_enterprise"`);
    await queryRunner.query(`DROP INDEX "public"."ix_match_requests_owner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_match_requests_listing"`);
    await queryRunner.query(`DROP INDEX "public"."ix_match_requests_created"`);
    await queryRunner.query(`DROP TABLE "match_requests"`);
    await queryRunner.query(`DROP TYPE "public"."match_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."match_request_status"`);
  }
}
