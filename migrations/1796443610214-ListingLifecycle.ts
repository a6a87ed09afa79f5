import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Listing lifecycle (issue 24, ADR 0031): who closed a listing (closed_by_authority: the AUTHORITY's
 * takedown, which only it lifts, vs. the owner's own close) and the owners' appeals against
 * takedowns. Existing closed listings are backfilled from who closed them: a user of an AUTHORITY
 * organization other than the owner (a reason with no recorded closer counts as the AUTHORITY's, as
 * the old check read it). down() removes exactly these.
 */
export class ListingLifecycle1796443610214 implements MigrationInterface {
  name = 'ListingLifecycle1796443610214';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "listing_takedown_appeals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "listing_id" uuid NOT NULL, "owner_organization_id" uuid NOT NULL, "message" text NOT NULL, "takedown_reason" text, "status" text NOT NULL DEFAULT 'OPEN', "created_by_user_id" uuid NOT NULL, "resolution_note" text, "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a58834127d1d777711236fee702" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_listing_takedown_appeals_desk" ON "listing_takedown_appeals"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_listing_takedown_appeals_open" ON "listing_takedown_appeals"  ("listing_id") WHERE status = 'OPEN'`);
    await queryRunner.query(`ALTER TABLE "listings" ADD "closed_by_authority" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `UPDATE "listings" l SET "closed_by_authority" = true
        WHERE l.status = 'CLOSED'
          AND ((l.closed_by_user_id IS NULL AND l.closed_reason IS NOT NULL)
               OR EXISTS (SELECT 1 FROM "users" u JOIN "organizations" o ON o.id = u.organization_id
                           WHERE u.id = l.closed_by_user_id AND o.kind = 'AUTHORITY' AND o.id <> l.owner_organization_id))`,
    );
    await queryRunner.query(`ALTER TABLE "listing_takedown_appeals" ADD CONSTRAINT "FK_33064ef95ed428886563bf9cd1c" FOREIGN KEY ("listing_id") REFERENCES "listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "listing_takedown_appeals" DROP CONSTRAINT "FK_33064ef95ed428886563bf9cd1c"`);
    await queryRunner.query(`ALTER TABLE "listings" DROP COLUMN "closed_by_authority"`);
    await queryRunner.query(`DROP INDEX "public"."ux_listing_takedown_appeals_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_listing_takedown_appeals_desk"`);
    await queryRunner.query(`DROP TABLE "listing_takedown_appeals"`);
  }
}
