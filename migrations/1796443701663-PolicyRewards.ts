import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PolicyRewards1796443701663 implements MigrationInterface {
  name = 'PolicyRewards1796443701663';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "policy_entitlements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "policy_id" text NOT NULL, "trigger_key" text NOT NULL, "triggered_on" date NOT NULL, "region_code" character(6) NOT NULL, "status" text NOT NULL, "amount" bigint NOT NULL, "arithmetic" text NOT NULL, "tranches" jsonb NOT NULL, "facts" jsonb NOT NULL, "notes" jsonb NOT NULL DEFAULT '[]', "policy_set_version" text NOT NULL, "evaluator_version" text NOT NULL, "as_of" date NOT NULL, "stale" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3faad8bcd93623db555dd5d2903" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_policy_entitlements_policy" ON "policy_entitlements"  ("policy_id", "triggered_on") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_policy_entitlements_trigger" ON "policy_entitlements"  ("organization_id", "policy_id", "trigger_key") `);
    await queryRunner.query(`CREATE TABLE "policy_payouts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entitlement_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "policy_id" text NOT NULL, "tranche_index" integer NOT NULL, "decision" text NOT NULL, "amount" bigint NOT NULL, "paid_on" date, "reference" text, "reason_code" text, "reason_text" text, "decided_by" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d10a427a7f7b0f40ce7cbeabbec" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_policy_payouts_org" ON "policy_payouts"  ("organization_id", "policy_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_policy_payouts_tranche" ON "policy_payouts"  ("entitlement_id", "tranche_index") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_policy_payouts_tranche"`);
    await queryRunner.query(`DROP INDEX "public"."ix_policy_payouts_org"`);
    await queryRunner.query(`DROP TABLE "policy_payouts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_policy_entitlements_trigger"`);
    await queryRunner.query(`DROP INDEX "public"."ix_policy_entitlements_policy"`);
    await queryRunner.query(`DROP TABLE "policy_entitlements"`);
  }
}
