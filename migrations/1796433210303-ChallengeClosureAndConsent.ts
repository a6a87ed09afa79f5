import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 揭榜 done properly (issue 17, ADR 0028): an applicant's consent to share its profile with the
 * challenge's owner, and the status CLOSED_BY_OWNER for applications whose challenge was closed.
 *
 * The enum is rebuilt instead of `ALTER TYPE … ADD VALUE`: a value added that way cannot be used in
 * the same transaction, and the live-application index's predicate must name it (a closed
 * application no longer blocks applying again once the challenge is published again).
 */
export class ChallengeClosureAndConsent1796433210303 implements MigrationInterface {
  name = 'ChallengeClosureAndConsent1796433210303';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "challenge_applications" ADD "share_profile" boolean NOT NULL DEFAULT false`);
    await this.rebuildStatus(queryRunner, ['SUBMITTED', 'SHORTLISTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'CLOSED_BY_OWNER'], `"status"::text`, `('WITHDRAWN', 'CLOSED_BY_OWNER')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Applications closed with their challenge become WITHDRAWN: ended without a decision, like before this status existed.
    await this.rebuildStatus(
      queryRunner,
      ['SUBMITTED', 'SHORTLISTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'],
      `CASE WHEN "status"::text = 'CLOSED_BY_OWNER' THEN 'WITHDRAWN' ELSE "status"::text END`,
      `('WITHDRAWN')`,
    );
    await queryRunner.query(`ALTER TABLE "challenge_applications" DROP COLUMN "share_profile"`);
  }

  private async rebuildStatus(queryRunner: QueryRunner, values: string[], using: string, notLive: string): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_challenge_applications_live"`);
    await queryRunner.query(`ALTER TYPE "public"."application_status" RENAME TO "application_status_old"`);
    await queryRunner.query(`CREATE TYPE "public"."application_status" AS ENUM(${values.map((v) => `'${v}'`).join(', ')})`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" ALTER COLUMN "status" TYPE "public"."application_status" USING (${using})::"public"."application_status"`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" ALTER COLUMN "status" SET DEFAULT 'SUBMITTED'`);
    await queryRunner.query(`DROP TYPE "public"."application_status_old"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_challenge_applications_live" ON "challenge_applications" ("challenge_id", "applicant_organization_id") WHERE status NOT IN ${notLive}`,
    );
  }
}
