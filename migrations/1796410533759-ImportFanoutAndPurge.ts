import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0017: outbox events carry a lane ('bulk' for an import's events: their jobs go to the bulk
 * queue); an import's file may be purged after the retention (content NULL, file_purged_at set);
 * an import started by the server's CLI has no user (created_by NULL).
 */
export class ImportFanoutAndPurge1796410533759 implements MigrationInterface {
  name = 'ImportFanoutAndPurge1796410533759';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_events" ADD "lane" character varying(16) NOT NULL DEFAULT 'interactive'`);
    await queryRunner.query(`ALTER TABLE "enterprise_imports" ADD "file_purged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "enterprise_imports" ALTER COLUMN "content" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "enterprise_imports" ALTER COLUMN "created_by" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The old schema has no user-less import and no purged file: CLI imports get the nil uuid as
    // their uploader, purged files an empty one (the old report download then answers that the
    // file cannot be read) — the report rows are kept either way.
    await queryRunner.query(`UPDATE "enterprise_imports" SET "created_by" = '00000000-0000-0000-0000-000000000000' WHERE "created_by" IS NULL`);
    await queryRunner.query(`UPDATE "enterprise_imports" SET "content" = '\\x'::bytea WHERE "content" IS NULL`);
    await queryRunner.query(`ALTER TABLE "enterprise_imports" ALTER COLUMN "created_by" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "enterprise_imports" ALTER COLUMN "content" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "enterprise_imports" DROP COLUMN "file_purged_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "lane"`);
  }
}
