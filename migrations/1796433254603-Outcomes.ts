import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Outcomes1796433254603 implements MigrationInterface {
  name = 'Outcomes1796433254603';

  /** Issue 17: coded decline/rejection reasons, the bank's credit decision, service delivery, 揭榜 contract value. */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "challenge_applications" ADD "rejection_reason_code" text`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" ADD "contract_value" bigint`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "decline_reason_code" text`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "credit_approved" boolean`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "amount_granted" bigint`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "annual_rate_percent" double precision`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "term_months" integer`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "disbursed_on" date`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "credit_decline_reason_code" text`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "delivered_on" date`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "service_price" bigint`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "outcome_note" text`);
    await queryRunner.query(`ALTER TABLE "match_requests" ADD "outcome_recorded_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "outcome_recorded_at"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "outcome_note"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "service_price"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "delivered_on"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "credit_decline_reason_code"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "disbursed_on"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "term_months"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "annual_rate_percent"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "amount_granted"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "credit_approved"`);
    await queryRunner.query(`ALTER TABLE "match_requests" DROP COLUMN "decline_reason_code"`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" DROP COLUMN "contract_value"`);
    await queryRunner.query(`ALTER TABLE "challenge_applications" DROP COLUMN "rejection_reason_code"`);
  }
}
