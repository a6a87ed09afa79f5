import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VerificationDesk1796400147119 implements MigrationInterface {
  name = 'VerificationDesk1796400147119';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."organization_verification_state" AS ENUM('PENDING', 'NEEDS_INFO', 'VERIFIED', 'REJECTED', 'REVOKED')`);
    await queryRunner.query(`CREATE TABLE "organization_verification_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "from_state" "public"."organization_verification_state" NOT NULL, "to_state" "public"."organization_verification_state" NOT NULL, "reason" text, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_85b03bfac9da739f9812a627662" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_org_verification_decisions_org" ON "organization_verification_decisions"  ("organization_id", "decided_at") `);
    await queryRunner.query(`CREATE TABLE "uscc_claim_conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "uscc" character varying(18) NOT NULL, "imported_name" text NOT NULL, "imported_by" uuid, "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "import_count" integer NOT NULL DEFAULT '1', CONSTRAINT "uq_uscc_claim_conflicts_org" UNIQUE ("organization_id"), CONSTRAINT "PK_db80fcd79f459af0e39ac3401de" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "verification_state" "public"."organization_verification_state" NOT NULL DEFAULT 'PENDING'`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "verification_reason" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "verification_decided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "verification_decided_by" uuid`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "verification_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" ADD "imported_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" ADD "imported_by" uuid`);
    // Existing rows: verified → VERIFIED (imported organizations were created verified), else PENDING.
    await queryRunner.query(
      `UPDATE "organizations" SET "verification_state" = 'VERIFIED', "verification_decided_at" = "verified_at", "verification_decided_by" = "verified_by" WHERE "verified"`,
    );
    // Provenance of existing profiles: written by an import when the organization has no user (the
    // import created it), or when an outbox event of the profile names an AUTHORITY user or no user
    // (the CLI import); an enterprise's own writes always name its user.
    await queryRunner.query(
      `UPDATE "enterprise_profiles" p SET "imported_at" = p."updated_at"
        WHERE NOT EXISTS (SELECT 1 FROM "users" u WHERE u."organization_id" = p."organization_id")
           OR EXISTS (SELECT 1 FROM "outbox_events" e
                       LEFT JOIN "users" u ON u."id" = e."actor_user_id"
                       LEFT JOIN "organizations" a ON a."id" = u."organization_id"
                      WHERE e."type" = 'enterprise-profile.changed' AND e."aggregate_id" = p."organization_id"::text
                        AND (e."actor_user_id" IS NULL OR a."kind" = 'AUTHORITY'))`,
    );
    // Imports that already reached an unverified claimant (the squatting case): flag them on the desk.
    await queryRunner.query(
      `INSERT INTO "uscc_claim_conflicts" ("organization_id", "uscc", "imported_name", "first_seen_at", "last_seen_at")
       SELECT o."id", o."uscc", o."name", p."imported_at", p."imported_at"
         FROM "enterprise_profiles" p JOIN "organizations" o ON o."id" = p."organization_id"
        WHERE p."imported_at" IS NOT NULL AND NOT o."verified"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" DROP COLUMN "imported_by"`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" DROP COLUMN "imported_at"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "verification_version"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "verification_decided_by"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "verification_decided_at"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "verification_reason"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "verification_state"`);
    await queryRunner.query(`DROP TABLE "uscc_claim_conflicts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_org_verification_decisions_org"`);
    await queryRunner.query(`DROP TABLE "organization_verification_decisions"`);
    await queryRunner.query(`DROP TYPE "public"."organization_verification_state"`);
  }
}
