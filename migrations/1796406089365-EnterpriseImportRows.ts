import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EnterpriseImportRows1796406089365 implements MigrationInterface {
  name = 'EnterpriseImportRows1796406089365';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "enterprise_import_rows" ("import_id" uuid NOT NULL, "row" integer NOT NULL, "outcome" character varying(20) NOT NULL, "uscc" text, "field" character varying(64), "reason" text, "organization_id" uuid, CONSTRAINT "PK_7a3e5bd2d4d7aa308dda5bbbc8c" PRIMARY KEY ("import_id", "row"))`);
    await queryRunner.query(`CREATE INDEX "IDX_enterprise_import_rows_outcome" ON "enterprise_import_rows"  ("import_id", "outcome", "row") `);
    // Existing reports move from the jsonb column into the table (one row per file row).
    await queryRunner.query(`INSERT INTO "enterprise_import_rows" ("import_id", "row", "outcome", "uscc", "field", "reason")
      SELECT i."id", (r->>'row')::int, r->>'outcome', r->>'uscc', r->>'field', r->>'reason'
        FROM "enterprise_imports" i, jsonb_array_elements(i."report_rows") r
      ON CONFLICT DO NOTHING`);
    await queryRunner.query(`ALTER TABLE "enterprise_imports" DROP COLUMN "report_rows"`);
    await queryRunner.query(`ALTER TABLE "enterprise_import_rows" ADD CONSTRAINT "FK_8a27b6773b4780a38d77f65d399" FOREIGN KEY ("import_id") REFERENCES "enterprise_imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprise_import_rows" DROP CONSTRAINT "FK_8a27b6773b4780a38d77f65d399"`);
    await queryRunner.query(`ALTER TABLE "enterprise_imports" ADD "report_rows" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`UPDATE "enterprise_imports" i SET "report_rows" = (
      SELECT coalesce(jsonb_agg(jsonb_build_object('row', r."row", 'uscc', r."uscc", 'outcome', r."outcome", 'field', r."field", 'reason', r."reason") ORDER BY r."row"), '[]'::jsonb)
        FROM "enterprise_import_rows" r WHERE r."import_id" = i."id")`);
    await queryRunner.query(`ALTER TABLE "enterprise_imports" ALTER COLUMN "report_rows" DROP DEFAULT`);
    await queryRunner.query(`DROP INDEX "public"."IDX_enterprise_import_rows_outcome"`);
    await queryRunner.query(`DROP TABLE "enterprise_import_rows"`);
  }
}
