import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partitioned match-set rebuild (ADR 0043): the id ranges of firms that worker processes take,
 * and the rows each range stages until the coordinator moves them into matches. Written by hand:
 * no entity maps these tables (plain SQL in libs/matching/src/sets/match-rebuild-partitions.ts);
 * the staging table is UNLOGGED (a crash ends the run anyway: the coordinator's transaction dies).
 */
export class MatchRebuildPartitions1796460043000 implements MigrationInterface {
  name = 'MatchRebuildPartitions1796460043000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "match_rebuild_partitions" ("run_id" uuid NOT NULL, "partition" integer NOT NULL, "after_id" uuid, "up_to_id" uuid, "as_of" date NOT NULL, "per_kind" integer NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, "taken_by" text, "enterprises" integer NOT NULL DEFAULT 0, "listings" integer NOT NULL DEFAULT 0, "scored" bigint NOT NULL DEFAULT 0, "eligible" bigint NOT NULL DEFAULT 0, "stored" integer NOT NULL DEFAULT 0, CONSTRAINT "PK_match_rebuild_partitions" PRIMARY KEY ("run_id", "partition"))`);
    await queryRunner.query(`CREATE UNLOGGED TABLE "match_rebuild_rows" ("run_id" uuid NOT NULL, "enterprise_organization_id" uuid NOT NULL, "listing_id" uuid NOT NULL, "kind" text NOT NULL, "score" double precision NOT NULL, "reasons" jsonb NOT NULL, "scorer_version" text NOT NULL, "listing_version" integer NOT NULL, "profile_version" integer NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "ix_match_rebuild_rows_run" ON "match_rebuild_rows" ("run_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_match_rebuild_rows_run"`);
    await queryRunner.query(`DROP TABLE "match_rebuild_rows"`);
    await queryRunner.query(`DROP TABLE "match_rebuild_partitions"`);
  }
}
