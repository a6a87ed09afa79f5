import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChallengeProjectRecords1796446332547 implements MigrationInterface {
  name = 'ChallengeProjectRecords1796446332547';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "challenge_project_records" ("application_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "category" text, "planned_investment" bigint, "actual_investment" bigint, "actual_recorded_on" date, "completed_on" date, "completion_passed" boolean, "recorded_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7374a881d3e44dfce81b0e8241f" PRIMARY KEY ("application_id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "challenge_project_records"`);
  }
}
