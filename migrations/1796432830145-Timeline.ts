import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Timeline1796432830145 implements MigrationInterface {
  name = 'Timeline1796432830145';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "timeline_entries" ("id" BIGSERIAL NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "kind" text NOT NULL, "status" text, "actor_organization_id" uuid, "actor_user_id" uuid, "reason_code" text, "note" text, "data" jsonb NOT NULL DEFAULT '{}'::jsonb, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a83c1403a1bb1f7619bd80f2b7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_timeline_entries_subject" ON "timeline_entries"  ("subject_type", "subject_id", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_timeline_entries_subject"`);
    await queryRunner.query(`DROP TABLE "timeline_entries"`);
  }
}
