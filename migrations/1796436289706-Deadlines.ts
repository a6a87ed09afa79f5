import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines (issue 17): respond/decide deadlines on match requests and 揭榜 applications (null on
 * rows older than deadlines: never overdue), the pause of their clocks (info_requested_at), the
 * working minutes to a match request's first answer, the reminders/escalations sent (one of each per
 * deadline), and partial indexes for the sweep and the overdue desk. down() removes exactly these.
 */
export class Deadlines1796436289706 implements MigrationInterface {
  name = 'Deadlines1796436289706';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "deadline_alerts" ("id" BIGSERIAL NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "owner_organization_id" uuid NOT NULL, "deadline" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "step" text NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5d678252f62876992ed254ebc1d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_deadline_alerts_owner" ON "deadline_alerts"  ("owner_organization_id", "sent_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_alerts_step" ON "deadline_alerts"  ("subject_type", "subject_id", "deadline", "due_at", "step") `);
    await queryRunner.query(`ALTER TABLE "challenge_applications" ADD "respond_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" ADD "decide_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" ADD "info_requested_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "respond_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "decide_by" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "info_requested_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "response_working_minutes" integer`);
    await queryRunner.query(`CREATE INDEX "ix_challenge_applications_deadlines" ON "challenge_applications"  ("respond_by", "decide_by") WHERE status IN ('SUBMITTED', 'SHORTLISTED') AND info_requested_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_match_requests_deadlines" ON "match_requests"  ("respond_by", "decide_by") WHERE status IN ('PENDING', 'ACCEPTED') AND info_requested_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_match_requests_deadlines"`);
    await queryRunner.query(`DROP INDEX "public"."ix_challenge_applications_deadlines"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "response_working_minutes"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "info_requested_at"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "decide_by"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "respond_by"`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" DROP COLUMN "info_requested_at"`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" DROP COLUMN "decide_by"`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" DROP COLUMN "respond_by"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deadline_alerts_step"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_alerts_owner"`);
    await queryRunner.query(`DROP TABLE "deadline_alerts"`);
  }
}
