import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: member roles (existing users become OWNER), invitations (token stored as SHA-256 only),
 * organizations' contact details, and users detached from their organization (organization_id NULL).
 */
export class MembersAndInvitations1796400102980 implements MigrationInterface {
  name = 'MembersAndInvitations1796400102980';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."member_role" AS ENUM('OWNER', 'ADMIN', 'MEMBER')`);
    await queryRunner.query(`CREATE TYPE "public"."invitation_kind" AS ENUM('MEMBER', 'OWNER_ACTIVATION')`);
    await queryRunner.query(`CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" text NOT NULL, "role" "public"."member_role" NOT NULL, "kind" "public"."invitation_kind" NOT NULL DEFAULT 'MEMBER', "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "invited_by" uuid NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_invitations_token_hash" ON "invitations"  ("token_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_invitations_pending" ON "invitations"  ("organization_id", "email") WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_42d1dbb4d85dc3643fdc6560af0" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "contact_name" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "contact_phone" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "contact_email" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "address" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "website" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "description" text`);
    // Every user so far is its organization's only account: it becomes the OWNER. New rows default to MEMBER.
    await queryRunner.query(`ALTER TABLE "users" ADD "role" "public"."member_role" NOT NULL DEFAULT 'OWNER'`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'MEMBER'`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "organization_id" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Users removed from their organization have none to go back to; before roles they could not exist.
    await queryRunner.query(`DELETE FROM "users" WHERE "organization_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "organization_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "role"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "description"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "website"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "address"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "contact_email"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "contact_phone"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "contact_name"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP TYPE "public"."invitation_kind"`);
    await queryRunner.query(`DROP TYPE "public"."member_role"`);
  }
}
