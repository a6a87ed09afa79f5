import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Listings1795262294810 implements MigrationInterface {
  name = 'Listings1795262294810';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."listing_kind" AS ENUM('SERVICE_OFFERING', 'CREDIT_PRODUCT', 'CHALLENGE', 'PARK_VACANCY')`);
    await queryRunner.query(`CREATE TYPE "public"."listing_status" AS ENUM('DRAFT', 'PUBLISHED', 'CLOSED')`);
    await queryRunner.query(`CREATE TABLE "listings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."listing_kind" NOT NULL, "owner_organization_id" uuid NOT NULL, "status" "public"."listing_status" NOT NULL DEFAULT 'DRAFT', "title" text NOT NULL, "description" text NOT NULL, "region_codes" text array NOT NULL DEFAULT '{}', "industry_codes" text array NOT NULL DEFAULT '{}', "tags" text array NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '1', "published_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_reason" text, "closed_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_520ecac6c99ec90bcf5a603cdcb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_listings_owner" ON "listings"  ("owner_organization_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_listings_browse" ON "listings"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "parks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operator_organization_id" uuid NOT NULL, "name" text NOT NULL, "region_code" character(6) NOT NULL, "star_rating" integer, "industries" text array NOT NULL DEFAULT '{}', "address" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_035f21558c39565edbf33f03210" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_parks_operator" ON "parks"  ("operator_organization_id") `);
    await queryRunner.query(`CREATE TABLE "service_offerings" ("listing_id" uuid NOT NULL, "category" text NOT NULL, "price_min" bigint, "price_max" bigint, "accepts_service_voucher" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_937114d4670884c0af27c8388eb" PRIMARY KEY ("listing_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_service_offerings_category" ON "service_offerings"  ("category") `);
    await queryRunner.query(`CREATE TABLE "credit_products" ("listing_id" uuid NOT NULL, "product_type" text NOT NULL, "amount_min" bigint NOT NULL, "amount_max" bigint NOT NULL, "annual_rate_min" double precision NOT NULL, "annual_rate_max" double precision NOT NULL, "term_months_max" integer NOT NULL, "eligible_tiers" text array NOT NULL DEFAULT '{}', "min_annual_revenue" bigint, "min_invention_patents" integer, "min_years_in_business" integer, "max_debt_ratio" double precision, "rate_type" text, "guarantee_methods" text array NOT NULL DEFAULT '{}', "pledge_ratio_percent" double precision, "partner_investor" text, CONSTRAINT "PK_6c00bad5d02e61b96bf357a66d0" PRIMARY KEY ("listing_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_credit_products_type" ON "credit_products"  ("product_type") `);
    await queryRunner.query(`CREATE TABLE "challenges" ("listing_id" uuid NOT NULL, "tech_field" text NOT NULL, "requirements" text NOT NULL, "budget" bigint NOT NULL, "apply_by" date NOT NULL, "ip_ownership" text NOT NULL, "cooperation_mode" text, "completion_deadline" date, "indicators" text array NOT NULL DEFAULT '{}', "preferred_tiers" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_44c9cafa920b52cfbc846a768cd" PRIMARY KEY ("listing_id"))`);
    await queryRunner.query(`CREATE TABLE "park_vacancies" ("listing_id" uuid NOT NULL, "park_id" uuid NOT NULL, "area_sqm" double precision NOT NULL, "floor" integer, "ceiling_height_m" double precision, "floor_load_kg_per_sqm" double precision, "rent_per_sqm_day" double precision NOT NULL, "available_from" date NOT NULL, "use_class" text, "tenure" text, "power_capacity_kva" double precision, "min_tax_per_mu_wan" double precision, "entry_conditions" text, CONSTRAINT "PK_1efec28c379bedca1a178def3c0" PRIMARY KEY ("listing_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_park_vacancies_park" ON "park_vacancies"  ("park_id") `);
    await queryRunner.query(`CREATE TYPE "public"."application_status" AS ENUM('SUBMITTED', 'SHORTLISTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN')`);
    await queryRunner.query(`CREATE TABLE "challenge_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "challenge_id" uuid NOT NULL, "applicant_organization_id" uuid NOT NULL, "proposal" text NOT NULL, "quote" bigint, "status" "public"."application_status" NOT NULL DEFAULT 'SUBMITTED', "decision_comment" text, "decided_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_85cd085f116c99dd935ecca6ff0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_challenge_applications_applicant" ON "challenge_applications"  ("applicant_organization_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_challenge_applications_live" ON "challenge_applications"  ("challenge_id", "applicant_organization_id") WHERE status <> 'WITHDRAWN'`);
    await queryRunner.query(`ALTER TABLE "listings" ADD CONSTRAINT "FK_f826810788cf00c4cf98e5ed23b" FOREIGN KEY ("owner_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "parks" ADD CONSTRAINT "FK_8dc15ce2ab363e214202a17c0fc" FOREIGN KEY ("operator_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_offerings" ADD CONSTRAINT "FK_937114d4670884c0af27c8388eb" FOREIGN KEY ("listing_id") REFERENCES "listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "credit_products" ADD CONSTRAINT "FK_6c00bad5d02e61b96bf357a66d0" FOREIGN KEY ("listing_id") REFERENCES "listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "challenges" ADD CONSTRAINT "FK_44c9cafa920b52cfbc846a768cd" FOREIGN KEY ("listing_id") REFERENCES "listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "park_vacancies" ADD CONSTRAINT "FK_1efec28c379bedca1a178def3c0" FOREIGN KEY ("listing_id") REFERENCES "listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "park_vacancies" ADD CONSTRAINT "FK_7ff567aebd2cd704521fe8cb9e7" FOREIGN KEY ("park_id") REFERENCES "parks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" ADD CONSTRAINT "FK_def08666b01252b63fff4a5cb48" FOREIGN KEY ("challenge_id") REFERENCES "listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" ADD CONSTRAINT "FK_d87d37b28ef14c67bb32254e65d" FOREIGN KEY ("applicant_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "challenge_applications" DROP CONSTRAINT "FK_d87d37b28ef14c67bb32254e65d"`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" DROP CONSTRAINT "FK_def08666b01252b63fff4a5cb48"`);
    await queryRunner.query(`ALTER TABLE "park_vacancies" DROP CONSTRAINT "FK_7ff567aebd2cd704521fe8cb9e7"`);
    await queryRunner.query(`ALTER TABLE "park_vacancies" DROP CONSTRAINT "FK_1efec28c379bedca1a178def3c0"`);
    await queryRunner.query(`ALTER TABLE "challenges" DROP CONSTRAINT "FK_44c9cafa920b52cfbc846a768cd"`);
    await queryRunner.query(`ALTER TABLE "credit_products" DROP CONSTRAINT "FK_6c00bad5d02e61b96bf357a66d0"`);
    await queryRunner.query(`ALTER TABLE "service_offerings" DROP CONSTRAINT "FK_937114d4670884c0af27c8388eb"`);
    await queryRunner.query(`ALTER TABLE "parks" DROP CONSTRAINT "FK_8dc15ce2ab363e214202a17c0fc"`);
    await queryRunner.query(`ALTER TABLE "listings" DROP CONSTRAINT "FK_f826810788cf00c4cf98e5ed23b"`);
    await queryRunner.query(`DROP INDEX "public"."uq_challenge_applications_live"`);
    await queryRunner.query(`DROP INDEX "public"."ix_challenge_applications_applicant"`);
    await queryRunner.query(`DROP TABLE "challenge_applications"`);
    await queryRunner.query(`DROP TYPE "public"."application_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_park_vacancies_park"`);
    await queryRunner.query(`DROP TABLE "park_vacancies"`);
    await queryRunner.query(`DROP TABLE "challenges"`);
    await queryRunner.query(`DROP INDEX "public"."ix_credit_products_type"`);
    await queryRunner.query(`DROP TABLE "credit_products"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_offerings_category"`);
    await queryRunner.query(`DROP TABLE "service_offerings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_parks_operator"`);
    await queryRunner.query(`DROP TABLE "parks"`);
    await queryRunner.query(`DROP INDEX "public"."ix_listings_browse"`);
    await queryRunner.query(`DROP INDEX "public"."ix_listings_owner"`);
    await queryRunner.query(`DROP TABLE "listings"`);
    await queryRunner.query(`DROP TYPE "public"."listing_status"`);
    await queryRunner.query(`DROP TYPE "public"."listing_kind"`);
  }
}
