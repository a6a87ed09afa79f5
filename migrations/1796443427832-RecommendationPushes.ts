import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecommendationPushes1796443427832 implements MigrationInterface {
  name = 'RecommendationPushes1796443427832';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "recommendation_entries" ("enterprise_organization_id" uuid NOT NULL, "listing_id" uuid NOT NULL, "kind" text NOT NULL, "owner_organization_id" uuid NOT NULL, "score" double precision NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "pushed_at" TIMESTAMP WITH TIME ZONE, "push_day" date, "push_batch" uuid, "skip_reason" text, CONSTRAINT "ck_recommendation_entries_push" CHECK ((pushed_at IS NULL) = (push_day IS NULL) AND (pushed_at IS NULL) = (push_batch IS NULL) AND (pushed_at IS NULL) <> (skip_reason IS NULL)), CONSTRAINT "PK_740379d1e177fcd350190911d45" PRIMARY KEY ("enterprise_organization_id", "listing_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_entries_batch" ON "recommendation_entries"  ("push_batch") WHERE push_batch IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_entries_push_day" ON "recommendation_entries"  ("enterprise_organization_id", "push_day") WHERE push_day IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_entries_entered" ON "recommendation_entries"  ("entered_at") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_entries_listing" ON "recommendation_entries"  ("listing_id") `);
    await queryRunner.query(`CREATE TABLE "recommendation_views" ("enterprise_organization_id" uuid NOT NULL, "listing_id" uuid NOT NULL, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9502cdcab888f284b3b2219e328" PRIMARY KEY ("enterprise_organization_id", "listing_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_views_listing" ON "recommendation_views"  ("listing_id") `);
    await queryRunner.query(`CREATE TABLE "recommendation_preferences" ("user_id" uuid NOT NULL, "kinds" text array, "min_score" double precision NOT NULL DEFAULT '0', "digest_by_mail" boolean NOT NULL DEFAULT false, "quiet_from" smallint, "quiet_to" smallint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_recommendation_preferences_score" CHECK (min_score BETWEEN 0 AND 100), CONSTRAINT "ck_recommendation_preferences_quiet" CHECK ((quiet_from IS NULL) = (quiet_to IS NULL) AND (quiet_from IS NULL OR (quiet_from BETWEEN 0 AND 1439 AND quiet_to BETWEEN 0 AND 1439 AND quiet_from <> quiet_to))), CONSTRAINT "PK_015d09f636cf9a9f117f61b45a2" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE TABLE "recommendation_digests" ("organization_id" uuid NOT NULL, "day" date NOT NULL, "entries" integer NOT NULL, "mails" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2e33e706e18d5b1297cfe69b32b" PRIMARY KEY ("organization_id", "day"))`);
    await queryRunner.query(`ALTER TABLE "recommendation_preferences" ADD CONSTRAINT "FK_015d09f636cf9a9f117f61b45a2" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "recommendation_preferences" DROP CONSTRAINT "FK_015d09f636cf9a9f117f61b45a2"`);
    await queryRunner.query(`DROP TABLE "recommendation_digests"`);
    await queryRunner.query(`DROP TABLE "recommendation_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_views_listing"`);
    await queryRunner.query(`DROP TABLE "recommendation_views"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_entries_listing"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_entries_entered"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_entries_push_day"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_entries_batch"`);
    await queryRunner.query(`DROP TABLE "recommendation_entries"`);
  }
}
