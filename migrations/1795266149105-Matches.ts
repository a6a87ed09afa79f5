import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Matches1795266149105 implements MigrationInterface {
  name = 'Matches1795266149105';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "matches" ("enterprise_organization_id" uuid NOT NULL, "listing_id" uuid NOT NULL, "kind" text NOT NULL, "score" double precision NOT NULL, "reasons" jsonb NOT NULL, "scorer_version" text NOT NULL, "listing_version" integer NOT NULL, "profile_version" integer NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ee765d430ea6cda4b345bc28d64" PRIMARY KEY ("enterprise_organization_id", "listing_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_matches_listing_score" ON "matches"  ("listing_id", "score") `);
    await queryRunner.query(`CREATE INDEX "ix_matches_enterprise_score" ON "matches"  ("enterprise_organization_id", "kind", "score") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_matches_enterprise_score"`);
    await queryRunner.query(`DROP INDEX "public"."ix_matches_listing_score"`);
    await queryRunner.query(`DROP TABLE "matches"`);
  }
}
