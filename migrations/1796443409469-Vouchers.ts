import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Vouchers1796443409469 implements MigrationInterface {
  name = 'Vouchers1796443409469';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."voucher_programme_status" AS ENUM('DRAFT', 'OPEN', 'CLOSED')`);
    await queryRunner.query(`CREATE TABLE "voucher_programmes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "issuer" text NOT NULL, "authority_organization_id" uuid NOT NULL, "status" "public"."voucher_programme_status" NOT NULL DEFAULT 'DRAFT', "budget_fen" bigint NOT NULL, "reserved_fen" bigint NOT NULL DEFAULT '0', "redeemed_fen" bigint NOT NULL DEFAULT '0', "settled_fen" bigint NOT NULL DEFAULT '0', "cover_percent" smallint NOT NULL, "cap_per_voucher_fen" bigint NOT NULL, "cap_per_firm_year_fen" bigint NOT NULL, "eligible_tiers" text array NOT NULL DEFAULT '{}', "eligible_region_codes" text array NOT NULL DEFAULT '{}', "eligible_industry_codes" text array NOT NULL DEFAULT '{}', "eligible_organization_ids" uuid array NOT NULL DEFAULT '{}', "service_categories" text array NOT NULL, "apply_from" date NOT NULL, "apply_until" date NOT NULL, "validity_months" smallint NOT NULL, "fraud_thresholds" jsonb, "spot_check_seed" text NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_voucher_programmes_cover" CHECK ("cover_percent" BETWEEN 1 AND 100), CONSTRAINT "ck_voucher_programmes_committed" CHECK ("reserved_fen" >= 0 AND "redeemed_fen" >= 0 AND "settled_fen" >= 0 AND "reserved_fen" + "redeemed_fen" <= "budget_fen"), CONSTRAINT "PK_c8eee51140e47e5420471ad084d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "voucher_contracted_institutions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "institution_organization_id" uuid NOT NULL, "added_reason" text NOT NULL, "added_by" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "removed_at" TIMESTAMP WITH TIME ZONE, "removed_reason" text, "removed_by" uuid, CONSTRAINT "PK_b7931643654c62c4e9e326a4219" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_voucher_contracted_active" ON "voucher_contracted_institutions"  ("programme_id", "institution_organization_id") WHERE "removed_at" IS NULL`);
    await queryRunner.query(`CREATE TYPE "public"."voucher_status" AS ENUM('APPLIED', 'DECLINED', 'GRANTED', 'REDEEMED', 'EXPIRED', 'CANCELLED')`);
    await queryRunner.query(`CREATE TABLE "vouchers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text, "programme_id" uuid NOT NULL, "firm_organization_id" uuid NOT NULL, "service_category" text NOT NULL, "amount_fen" bigint NOT NULL, "redeemed_fen" bigint NOT NULL DEFAULT '0', "status" "public"."voucher_status" NOT NULL, "purpose" text, "auto_granted" boolean NOT NULL DEFAULT false, "decline_reason_code" text, "decision_note" text, "decided_by" uuid, "granted_at" TIMESTAMP WITH TIME ZONE, "expires_on" date, "match_request_id" uuid, "ended_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_vouchers_redeemed" CHECK ("redeemed_fen" >= 0 AND "redeemed_fen" <= "amount_fen"), CONSTRAINT "PK_ed1b7dd909a696560763acdbc04" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_vouchers_code" ON "vouchers"  ("code") WHERE "code" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_vouchers_match_request" ON "vouchers"  ("match_request_id") WHERE "match_request_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_vouchers_expiry" ON "vouchers"  ("expires_on") WHERE "status" = 'GRANTED'`);
    await queryRunner.query(`CREATE INDEX "ix_vouchers_programme_firm" ON "vouchers"  ("programme_id", "firm_organization_id") `);
    await queryRunner.query(`CREATE TYPE "public"."voucher_claim_status" AS ENUM('SUBMITTED', 'CONFIRMED', 'DISPUTED', 'INFO_REQUESTED', 'AWAITING_SECOND_APPROVAL', 'APPROVED', 'REJECTED', 'SETTLED', 'CLAWED_BACK')`);
    await queryRunner.query(`CREATE TABLE "voucher_claims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "voucher_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "firm_organization_id" uuid NOT NULL, "institution_organization_id" uuid NOT NULL, "match_request_id" uuid NOT NULL, "offering_listing_id" uuid NOT NULL, "service_category" text NOT NULL, "contract_value_fen" bigint NOT NULL, "claim_fen" bigint NOT NULL, "invoice_number" text NOT NULL, "delivered_on" date NOT NULL, "attachment_ids" uuid array NOT NULL DEFAULT '{}', "status" "public"."voucher_claim_status" NOT NULL DEFAULT 'SUBMITTED', "findings" jsonb NOT NULL DEFAULT '[]', "flagged" boolean NOT NULL DEFAULT false, "spot_draw" double precision NOT NULL, "spot_checked" boolean NOT NULL DEFAULT false, "firm_note" text, "reason_code" text, "decision_note" text, "first_approver_user_id" uuid, "second_approver_user_id" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "settlement_batch_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_513cf6fe09b565e63f19dd9cf70" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_voucher_claims_live" ON "voucher_claims"  ("voucher_id") WHERE "status" NOT IN ('REJECTED', 'CLAWED_BACK')`);
    await queryRunner.query(`CREATE INDEX "ix_voucher_claims_pair" ON "voucher_claims"  ("programme_id", "firm_organization_id", "institution_organization_id") `);
    await queryRunner.query(`CREATE INDEX "ix_voucher_claims_programme_status" ON "voucher_claims"  ("programme_id", "status") `);
    await queryRunner.query(`CREATE TYPE "public"."voucher_ledger_kind" AS ENUM('BUDGET', 'RESERVE', 'RELEASE', 'REDEEM', 'SETTLE', 'CLAW_BACK')`);
    await queryRunner.query(`CREATE TABLE "voucher_ledger" ("id" BIGSERIAL NOT NULL, "programme_id" uuid NOT NULL, "voucher_id" uuid, "claim_id" uuid, "settlement_batch_id" uuid, "kind" "public"."voucher_ledger_kind" NOT NULL, "amount_fen" bigint NOT NULL, "note" text, "actor_user_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f014d6c9e9dd5b68b5afb7e3e2f" PRIMARY KEY ("id"))`);
    // The ledger is append-only: corrections are new rows, never edits (ADR 0033).
    await queryRunner.query(`CREATE FUNCTION voucher_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'voucher_ledger is append-only (% refused)', TG_OP; END $$`);
    await queryRunner.query(`CREATE TRIGGER tr_voucher_ledger_append_only BEFORE UPDATE OR DELETE ON "voucher_ledger" FOR EACH ROW EXECUTE FUNCTION voucher_ledger_append_only()`);
    await queryRunner.query(`CREATE INDEX "ix_voucher_ledger_voucher" ON "voucher_ledger"  ("voucher_id") `);
    await queryRunner.query(`CREATE INDEX "ix_voucher_ledger_programme" ON "voucher_ledger"  ("programme_id", "kind") `);
    await queryRunner.query(`CREATE TABLE "voucher_settlement_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "claim_count" integer NOT NULL, "total_fen" bigint NOT NULL, "settled_by" uuid NOT NULL, "note" text, "settled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f2a2fd67bd42b89d036ad051cc4" PRIMARY KEY ("id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "voucher_settlement_batches"`);
    await queryRunner.query(`DROP INDEX "public"."ix_voucher_ledger_programme"`);
    await queryRunner.query(`DROP INDEX "public"."ix_voucher_ledger_voucher"`);
    await queryRunner.query(`DROP TRIGGER tr_voucher_ledger_append_only ON "voucher_ledger"`);
    await queryRunner.query(`DROP TABLE "voucher_ledger"`);
    await queryRunner.query(`DROP FUNCTION voucher_ledger_append_only()`);
    await queryRunner.query(`DROP TYPE "public"."voucher_ledger_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_voucher_claims_programme_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_voucher_claims_pair"`);
    await queryRunner.query(`DROP INDEX "public"."ux_voucher_claims_live"`);
    await queryRunner.query(`DROP TABLE "voucher_claims"`);
    await queryRunner.query(`DROP TYPE "public"."voucher_claim_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vouchers_programme_firm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vouchers_expiry"`);
    await queryRunner.query(`DROP INDEX "public"."ux_vouchers_match_request"`);
    await queryRunner.query(`DROP INDEX "public"."ux_vouchers_code"`);
    await queryRunner.query(`DROP TABLE "vouchers"`);
    await queryRunner.query(`DROP TYPE "public"."voucher_status"`);
    await queryRunner.query(`DROP INDEX "public"."ux_voucher_contracted_active"`);
    await queryRunner.query(`DROP TABLE "voucher_contracted_institutions"`);
    await queryRunner.query(`DROP TABLE "voucher_programmes"`);
    await queryRunner.query(`DROP TYPE "public"."voucher_programme_status"`);
  }
}
