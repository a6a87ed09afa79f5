import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Conversations1796433697197 implements MigrationInterface {
  name = 'Conversations1796433697197';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "uploader_organization_id" uuid NOT NULL, "uploader_user_id" uuid NOT NULL, "message_id" bigint, "filename" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "storage_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9680beedc0b2d26fafb04435fb8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_case_attachments_unsent" ON "case_attachments"  ("created_at") WHERE message_id IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_case_attachments_message" ON "case_attachments"  ("message_id") `);
    await queryRunner.query(`CREATE TABLE "case_messages" ("id" BIGSERIAL NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "sender_organization_id" uuid NOT NULL, "sender_user_id" uuid NOT NULL, "recipient_organization_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_abd10cae638adbb2365d2446d10" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_case_messages_subject" ON "case_messages"  ("subject_type", "subject_id", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_case_messages_subject"`);
    await queryRunner.query(`DROP TABLE "case_messages"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_attachments_message"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_attachments_unsent"`);
    await queryRunner.query(`DROP TABLE "case_attachments"`);
  }
}
