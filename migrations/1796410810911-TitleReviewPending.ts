import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-reviews (复核) the AUTHORITY records as pending (DOMAIN.md §8.2, ADR 0019): the current mark on
 * the profile (`tier_review_pending_until`, null for every existing row) and the decisions' history.
 * down() drops both: the marks are lost, and expired titles they kept in force read LAPSED again.
 */

export class TitleReviewPending1796410810911 implements MigrationInterface {
  name = 'TitleReviewPending1796410810911';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."title_review_action" AS ENUM('PENDING_RECORDED', 'PENDING_CLEARED')`);
    await queryRunner.query(`CREATE TABLE "title_review_marks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action" "public"."title_review_action" NOT NULL, "pending_until" date, "tier" "public"."enterprise_tier", "certified_on" date, "organization_ids" uuid array NOT NULL, "document" text, "decided_by" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1aad94b2114af1fab22fd6d7db9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_title_review_marks_decided_at" ON "title_review_marks"  ("decided_at") `);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" ADD "tier_review_pending_until" date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" DROP COLUMN "tier_review_pending_until"`);
    await queryRunner.query(`DROP INDEX "public"."ix_title_review_marks_decided_at"`);
    await queryRunner.query(`DROP TABLE "title_review_marks"`);
    await queryRunner.query(`DROP TYPE "public"."title_review_action"`);
  }
}
