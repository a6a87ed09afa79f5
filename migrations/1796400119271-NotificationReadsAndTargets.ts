import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationReadsAndTargets1796400119271 implements MigrationInterface {
  name = 'NotificationReadsAndTargets1796400119271';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification_reads" ("user_id" uuid NOT NULL, "notification_id" uuid NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c38c21e1fb176c9f55575cd678" PRIMARY KEY ("user_id", "notification_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_notification_reads_notification" ON "notification_reads"  ("notification_id") `);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "read_at"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "target_type" text`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "target_id" uuid`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "ck_notifications_target" CHECK ((target_type IS NULL) = (target_id IS NULL) AND (target_type IS NULL OR target_type IN ('LISTING', 'MATCH_REQUEST', 'CHALLENGE_APPLICATION', 'ORGANIZATION')))`);
    await queryRunner.query(`ALTER TABLE "notification_reads" ADD CONSTRAINT "FK_8a89aac7f3083b0fceadc99c404" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_reads" ADD CONSTRAINT "FK_30122217fe6ea5e114793efd4d5" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_reads" DROP CONSTRAINT "FK_30122217fe6ea5e114793efd4d5"`);
    await queryRunner.query(`ALTER TABLE "notification_reads" DROP CONSTRAINT "FK_8a89aac7f3083b0fceadc99c404"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "ck_notifications_target"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "target_id"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "target_type"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "read_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_reads_notification"`);
    await queryRunner.query(`DROP TABLE "notification_reads"`);
  }
}
