import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EnterpriseImports1796404795879 implements MigrationInterface {
  name = 'EnterpriseImports1796404795879';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "enterprise_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" character varying(20) NOT NULL, "filename" character varying(255) NOT NULL, "content" bytea NOT NULL, "file_bytes" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "cancel_requested" boolean NOT NULL DEFAULT false, "error" text, "header_row" integer, "sheet" jsonb, "parsed_rows" jsonb, "preview" jsonb, "rows_total" integer NOT NULL DEFAULT '0', "rows_done" integer NOT NULL DEFAULT '0', "firms_total" integer NOT NULL DEFAULT '0', "firms_done" integer NOT NULL DEFAULT '0', "created" integer NOT NULL DEFAULT '0', "updated" integer NOT NULL DEFAULT '0', "unchanged" integer NOT NULL DEFAULT '0', "rejected_rows" integer NOT NULL DEFAULT '0', "claim_conflicts" integer NOT NULL DEFAULT '0', "report_rows" jsonb NOT NULL, CONSTRAINT "PK_282690aad460bd55ad0ba701cb8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_enterprise_imports_created" ON "enterprise_imports"  ("created_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_enterprise_imports_created"`);
    await queryRunner.query(`DROP TABLE "enterprise_imports"`);
  }
}
