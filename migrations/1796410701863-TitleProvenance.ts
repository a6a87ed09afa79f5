import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claimed vs confirmed titles (DOMAIN.md §8.10, docs/adr/0018): the provenance of each profile's
 * certified tier and the AUTHORITY's decisions. Backfill of existing titles: a profile an AUTHORITY
 * import wrote (imported_at set) → IMPORTED (at/by: the import); every other title → CLAIMED (at:
 * the profile's last change), so self-declared titles stop counting until the AUTHORITY confirms
 * them. Claims carry no re-review risk: their stored risk is cleared (the next assessment would).
 */
export class TitleProvenance1796410701863 implements MigrationInterface {
  name = 'TitleProvenance1796410701863';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."title_decision_outcome" AS ENUM('CONFIRMED', 'REJECTED')`);
    await queryRunner.query(`CREATE TABLE "enterprise_title_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "outcome" "public"."title_decision_outcome" NOT NULL, "tier" "public"."enterprise_tier" NOT NULL, "certified_on" date, "claimed_tier" "public"."enterprise_tier", "reason" text, "decided_by" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8caace45a523113f62ee16e09fe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_enterprise_title_decisions_org" ON "enterprise_title_decisions"  ("organization_id", "decided_at") `);
    await queryRunner.query(`CREATE TYPE "public"."title_provenance" AS ENUM('CLAIMED', 'CONFIRMED', 'IMPORTED', 'REJECTED')`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" ADD "tier_provenance" "public"."title_provenance"`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" ADD "tier_provenance_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" ADD "tier_provenance_by" uuid`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" ADD "tier_rejection_reason" text`);
    await queryRunner.query(
      `UPDATE enterprise_profiles
          SET tier_provenance = CASE WHEN imported_at IS NOT NULL THEN 'IMPORTED'::title_provenance ELSE 'CLAIMED'::title_provenance END,
              tier_provenance_at = COALESCE(imported_at, updated_at),
              tier_provenance_by = CASE WHEN imported_at IS NOT NULL THEN imported_by END
        WHERE tier <> 'NONE'`,
    );
    await queryRunner.query(`UPDATE enterprise_profiles SET review_risk = NULL, review_risk_expires_on = NULL WHERE tier_provenance = 'CLAIMED' AND review_risk IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" DROP COLUMN "tier_rejection_reason"`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" DROP COLUMN "tier_provenance_by"`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" DROP COLUMN "tier_provenance_at"`);
    await queryRunner.query(`ALTER TABLE "enterprise_profiles" DROP COLUMN "tier_provenance"`);
    await queryRunner.query(`DROP TYPE "public"."title_provenance"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_title_decisions_org"`);
    await queryRunner.query(`DROP TABLE "enterprise_title_decisions"`);
    await queryRunner.query(`DROP TYPE "public"."title_decision_outcome"`);
  }
}
