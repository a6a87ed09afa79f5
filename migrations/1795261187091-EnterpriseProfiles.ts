import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EnterpriseProfiles1795261187091 implements MigrationInterface {
  name = 'EnterpriseProfiles1795261187091';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "enterprise_financials" ("organization_id" uuid NOT NULL, "year" integer NOT NULL, "revenue" bigint NOT NULL, "main_business_revenue" bigint NOT NULL, "rd_expense" bigint NOT NULL, "net_profit" bigint, "total_assets" bigint, "total_liabilities" bigint, "employees" integer, "rd_employees" integer, "equity_financing" bigint, CONSTRAINT "PK_d0bed5408b68e77c3ab6562c38e" PRIMARY KEY ("organization_id", "year"))`);
    await queryRunner.query(`CREATE TYPE "public"."enterprise_tier" AS ENUM('NONE', 'INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT')`);
    await queryRunner.query(`CREATE TABLE "enterprise_profiles" ("organization_id" uuid NOT NULL, "industry_code" text NOT NULL, "tier" "public"."enterprise_tier" NOT NULL, "tier_certified_on" date, "founded_on" date NOT NULL, "main_business_since" date NOT NULL, "main_products" text array NOT NULL DEFAULT '{}', "capabilities" text NOT NULL DEFAULT '', "certifications" text array NOT NULL DEFAULT '{}', "invention_patents" integer NOT NULL DEFAULT '0', "utility_models" integer NOT NULL DEFAULT '0', "design_patents" integer NOT NULL DEFAULT '0', "software_copyrights" integer NOT NULL DEFAULT '0', "trademarks" integer NOT NULL DEFAULT '0', "financing_need" jsonb, "service_needs" text array NOT NULL DEFAULT '{}', "space_need" jsonb, "tier_facts" jsonb NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '1', "review_risk" jsonb, "review_risk_expires_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8073604a54f7885914e4d9161f4" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_enterprise_profiles_industry_code" ON "enterprise_profiles"  ("industry_code") `);
    await queryRunner.query(`CREATE INDEX "ix_enterprise_profiles_tier" ON "enterprise_profiles"  ("tier") `);
    await queryRunner.query(`CREATE INDEX "ix_enterprise_profiles_review_risk" ON "enterprise_profiles"  ("review_risk_expires_on") WHERE review_risk IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "tier_assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "tier" text NOT NULL, "rule_set" text NOT NULL, "rule_set_version" text NOT NULL, "evaluator_version" text NOT NULL, "mode" text NOT NULL DEFAULT 'NEW', "profile_version" integer NOT NULL, "as_of" date NOT NULL, "eligible" boolean NOT NULL, "verdict" text NOT NULL, "score" double precision, "max_score" double precision, "passed_by" text, "criteria" jsonb NOT NULL, "missing_data" text array NOT NULL DEFAULT '{}', "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf5320645d9145ff1be3eba110b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_tier_assessments_latest" ON "tier_assessments"  ("organization_id", "rule_set", "tier", "computed_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_tier_assessments_run" ON "tier_assessments"  ("organization_id", "rule_set", "tier", "mode", "evaluator_version", "profile_version", "as_of") `);
    await queryRunner.query(`ALTER TABLE "enterprise_financials" ADD CONSTRAINT "FK_4a1307367c8cfb368de967aa5bc" FOREIGN KEY ("organization_id") REFERENCES "enterprise_profiles"("organization_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" ADD CONSTRAINT "FK_8073604a54f7885914e4d9161f4" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" DROP CONSTRAINT "FK_8073604a54f7885914e4d9161f4"`);
    await queryRunner.query(`ALTER TABLE "enterprise_financials" DROP CONSTRAINT "FK_4a1307367c8cfb368de967aa5bc"`);
    await queryRunner.query(`DROP INDEX "public"."uq_tier_assessments_run"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tier_assessments_latest"`);
    await queryRunner.query(`DROP TABLE "tier_assessments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_profiles_review_risk"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_profiles_tier"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_profiles_industry_code"`);
    await queryRunner.query(`DROP TABLE "enterprise_profiles"`);
    await queryRunner.query(`DROP TYPE "public"."enterprise_tier"`);
    await queryRunner.query(`DROP TABLE "enterprise_financials"`);
  }
}
