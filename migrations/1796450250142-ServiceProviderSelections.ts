import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceProviderSelections1796450250142 implements MigrationInterface {
  name = 'ServiceProviderSelections1796450250142';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "service_provider_selections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "year" integer NOT NULL, "selected_on" date NOT NULL, "award_yuan" bigint NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_455c2dd0ed20306e149c7b17da7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_service_provider_selections_year" ON "service_provider_selections"  ("organization_id", "year") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_service_provider_selections_year"`);
    await queryRunner.query(`DROP TABLE "service_provider_selections"`);
  }
}
