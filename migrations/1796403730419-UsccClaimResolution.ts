import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UsccClaimResolution1796403730419 implements MigrationInterface {
  name = 'UsccClaimResolution1796403730419';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "released_uscc" character varying(18)`);
    await queryRunner.query(`CREATE TYPE "public"."uscc_claim_outcome" AS ENUM('CLAIMANT_CONFIRMED', 'CLAIM_RELEASED')`);
    await queryRunner.query(`ALTER TABLE "uscc_claim_conflicts" ADD "outcome" "public"."uscc_claim_outcome"`);
    await queryRunner.query(`ALTER TABLE "uscc_claim_conflicts" ADD "reason" text`);
    await queryRunner.query(`ALTER TABLE "uscc_claim_conflicts" ADD "decided_by" uuid`);
    await queryRunner.query(`ALTER TABLE "uscc_claim_conflicts" ADD "decided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "uscc" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // A released organization gets its code back unless another organization holds it now (the real
    // firm, imported after the release): then the old schema cannot hold both, and down() refuses.
    await queryRunner.query(
      `UPDATE "organizations" o SET "uscc" = o."released_uscc"
        WHERE o."uscc" IS NULL AND o."released_uscc" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "organizations" x WHERE x."uscc" = o."released_uscc")`,
    );
    const [{ n }] = await queryRunner.query(`SELECT count(*)::int AS n FROM "organizations" WHERE "uscc" IS NULL`);
    if (n > 0) {
      throw new Error(
        `${n} organization(s) have no USCC: their released code is held by another organization now. ` +
          'Give them a unique code (or remove them) before reverting UsccClaimResolution.',
      );
    }
    await queryRunner.query(`ALTER TABLE "organizations" ALTER COLUMN "uscc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "uscc_claim_conflicts" DROP COLUMN "decided_at"`);
    await queryRunner.query(`ALTER TABLE "uscc_claim_conflicts" DROP COLUMN "decided_by"`);
    await queryRunner.query(`ALTER TABLE "uscc_claim_conflicts" DROP COLUMN "reason"`);
    await queryRunner.query(`ALTER TABLE "uscc_claim_conflicts" DROP COLUMN "outcome"`);
    await queryRunner.query(`DROP TYPE "public"."uscc_claim_outcome"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "released_uscc"`);
  }
}
