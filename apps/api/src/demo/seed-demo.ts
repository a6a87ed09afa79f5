import { randomBytes } from 'node:crypto';
import { Not, type DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { hashPassword, IdentityService, OrganizationEntity, UserEntity } from '../../../../libs/identity/src/index.js';
import type { AppConfig } from '../../../../libs/platform/src/index.js';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from './demo-data.js';
import { demoEnterprises } from './demo-enterprises.js';
import { EnterpriseProfileService, validateProfile } from '../../../../libs/enterprises/src/index.js';
import { todayInShanghai } from '../../../../libs/platform/src/index.js';
import type { Actor } from '../../../../libs/identity/src/index.js';
import { ListingEntity, ParkEntity, ListingService, type FullListing } from '../../../../libs/listings/src/index.js';
import { demoListings } from './demo-listings.js';
import { DEMO_MATCH_REQUESTS } from './demo-match-requests.js';
import { MatchRequestService, MatchRequestEntity, MatchOutcomeService } from '../../../../libs/matching/src/index.js';
import { seedDemoVouchers } from './demo-vouchers.js';

const AUTHORITY_ORG = DEMO_ORGANIZATIONS.find((o) => o.kind === 'AUTHORITY')!;

/**
 * The AUTHORITY account cannot self-register: create it from AUTHORITY_EMAIL / AUTHORITY_PASSWORD,
 * or, in the embedded default without them, a demo authority whose password is printed once.
 */
export async function ensureAuthority(dataSource: DataSource, config: AppConfig, logger: Logger): Promise<void> {
  const identity = new IdentityService(dataSource);
  const org = { name: AUTHORITY_ORG.name, uscc: AUTHORITY_ORG.uscc, regionCode: AUTHORITY_ORG.regionCode };
  if (config.authority) {
    const created = await identity.ensureAuthorityUser({ ...config.authority, ...org });
    if (created) logger.info(`created AUTHORITY user ${config.authority.email}`);
    return;
  }
  if (config.databaseUrl) {
    logger.warn('no AUTHORITY_EMAIL/AUTHORITY_PASSWORD set: no authority account is created, so nobody can verify organizations');
    return;
  }
  const password = randomBytes(12).toString('base64url');
  if (await identity.ensureAuthorityUser({ email: AUTHORITY_ORG.user.email, password, ...org })) {
    // Printed on stdout once, on the run that created it; it is not stored anywhere in clear.
    console.log(
      `\n  Demo AUTHORITY account created (shown once):\n    email:    ${AUTHORITY_ORG.user.email}\n    password: ${password}\n` +
        '  Set AUTHORITY_EMAIL and AUTHORITY_PASSWORD to create one of your own.\n',
    );
  }
}

/**
 * The demo supply side (demo-listings.ts), created through ListingService as each owner would:
 * create, then publish when the item asks for it and the owner is verified. An owner that already
 * has listings or parks is skipped, so running the seed again adds nothing.
 */
async function seedDemoListings(dataSource: DataSource, manager: EntityManager, today: string): Promise<{ listings: number; parks: number }> {
  const service = new ListingService(dataSource);
  const actors = new Map<string, Actor | null>();
  /** The owner's actor, or null when it is missing or already has supply (then nothing is added). */
  const actorFor = async (key: string): Promise<Actor | null> => {
    if (actors.has(key)) return actors.get(key)!;
    const demo = DEMO_ORGANIZATIONS.find((o) => o.key === key);
    if (!demo) throw new Error(`demo listing owner ${key} is not in DEMO_ORGANIZATIONS`);
    const org = await manager.findOneBy(OrganizationEntity, { uscc: demo.uscc });
    const user = org && (await manager.findOneBy(UserEntity, { organizationId: org.id }));
    const hasSupply =
      org &&
      ((await manager.existsBy(ListingEntity, { ownerOrganizationId: org.id })) || (await manager.existsBy(ParkEntity, { operatorOrganizationId: org.id })));
    const actor = org && user && !hasSupply ? { userId: user.id, organizationId: org.id, kind: org.kind, verified: org.verified } : null;
    actors.set(key, actor);
    return actor;
  };
  let listings = 0;
  let parks = 0;
  const add = async (actor: Actor, publish: boolean, create: () => Promise<FullListing>) => {
    const { listing } = await create();
    if (publish && actor.verified) await service.publish(manager, actor, listing.id);
    listings++;
  };
  const data = demoListings(today);
  for (const s of data.services) {
    const actor = await actorFor(s.ownerKey);
    if (actor) await add(actor, s.publish, () => service.createServiceOffering(manager, actor, s.input));
  }
  for (const c of data.credit) {
    const actor = await actorFor(c.ownerKey);
    if (actor) await add(actor, c.publish, () => service.createCreditProduct(manager, actor, c.input));
  }
  for (const c of data.challenges) {
    const actor = await actorFor(c.ownerKey);
    if (actor) await add(actor, c.publish, () => service.createChallenge(manager, actor, c.input));
  }
  for (const p of data.parks) {
    const actor = await actorFor(p.ownerKey);
    if (!actor) continue;
    const park = await service.createPark(manager, actor, p.input);
    parks++;
    for (const v of p.vacancies) await add(actor, v.publish, () => service.createParkVacancy(manager, actor, { ...v.input, parkId: park.id }));
  }
  return { listings, parks };
}

/** The demo match requests, driven through MatchRequestService; only while there are none yet. */
async function seedDemoMatchRequests(dataSource: DataSource, manager: EntityManager): Promise<number> {
  if (await manager.exists(MatchRequestEntity)) return 0;
  const service = new MatchRequestService(dataSource);
  const actorOf = async (key: string): Promise<Actor> => {
    const demo = DEMO_ORGANIZATIONS.find((o) => o.key === key)!;
    const org = await manager.findOneByOrFail(OrganizationEntity, { uscc: demo.uscc });
    const user = await manager.findOneByOrFail(UserEntity, { organizationId: org.id });
    return { userId: user.id, organizationId: org.id, kind: org.kind, verified: org.verified };
  };
  let n = 0;
  for (const r of DEMO_MATCH_REQUESTS) {
    const enterprise = await actorOf(r.enterpriseKey);
    const listing = await manager.findOneByOrFail(ListingEntity, { title: r.listingTitle, status: 'PUBLISHED' });
    const created = await service.request(manager, enterprise, { listingId: listing.id, shareProfile: r.shareProfile, message: r.message });
    const then = r.then;
    if (then && 'cancel' in then) await service.cancel(manager, enterprise, created.id);
    if (then && 'respond' in then) {
      const owner = await manager.findOneByOrFail(UserEntity, { organizationId: listing.ownerOrganizationId });
      const ownerOrg = await manager.findOneByOrFail(OrganizationEntity, { id: listing.ownerOrganizationId });
      const ownerActor = { userId: owner.id, organizationId: ownerOrg.id, kind: ownerOrg.kind, verified: ownerOrg.verified };
      await service.respond(manager, ownerActor, created.id, then.respond.accept, then.respond.message, then.respond.reasonCode);
      if (then.complete) await service.complete(manager, enterprise, created.id, then.complete.outcome, then.complete.rating);
      if (then.deliver) await new MatchOutcomeService().recordServiceDelivery(manager, ownerActor, created.id, { deliveredOn: todayInShanghai(), ...then.deliver });
    }
    n++;
  }
  return n;
}

/**
 * Demo organizations of every kind with one user each (password DEMO_PASSWORD), enterprise
 * profiles, and the supply side (service offerings, credit products, 揭榜 challenges, parks and
 * vacancies). Idempotent: an organization whose USCC exists is left alone.
 */
export async function seedDemoData(dataSource: DataSource, logger: Logger): Promise<number> {
  const identity = new IdentityService(dataSource);
  const profiles = new EnterpriseProfileService(dataSource);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = todayInShanghai();
  const firms = demoEnterprises(today);
  // The enterprises that can log in get profiles of different tiers; the rest come without users.
  const withLogin = [16, 8, 23, 0, 27];
  let created = 0;
  let supply = { listings: 0, parks: 0 };
  let requests = 0;
  let programmes = 0;
  await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['srdi:seed-demo']);
    let enterpriseIndex = 0;
    for (const demo of DEMO_ORGANIZATIONS) {
      if (demo.kind === 'AUTHORITY') continue;
      if (await manager.existsBy(OrganizationEntity, { uscc: demo.uscc })) continue;
      const { kind, name, uscc, regionCode } = demo;
      const { organization } = await identity.createOrganizationWithUser(
        manager,
        { email: demo.user.email, password: DEMO_PASSWORD, displayName: demo.user.displayName, organization: { kind, name, uscc, regionCode } },
        passwordHash,
        demo.verified,
      );
      if (kind === 'ENTERPRISE') {
        const firm = firms[withLogin[enterpriseIndex++ % withLogin.length]!]!;
        // Demo titles are the bureau's (§8.10): confirmed for firms that log in, imported for the others.
        await profiles.write(manager, organization.id, validateProfile(firm.profile, today), null, undefined, 'CONFIRMED');
      }
      created++;
    }
    for (const [i, firm] of firms.entries()) {
      if (withLogin.includes(i) || (await manager.existsBy(OrganizationEntity, { uscc: firm.uscc }))) continue;
      const org = await manager.save(
        manager.create(OrganizationEntity, { kind: 'ENTERPRISE', name: firm.name, uscc: firm.uscc, regionCode: firm.regionCode, verified: true, verifiedAt: new Date() }),
      );
      await profiles.write(manager, org.id, validateProfile(firm.profile, today), null, undefined, 'IMPORTED');
      created++;
    }
    supply = await seedDemoListings(dataSource, manager, today);
    if (supply.listings > 0) requests = await seedDemoMatchRequests(dataSource, manager);
    if (requests > 0) programmes = await seedDemoVouchers(dataSource, manager);
  });
  if (created > 0) logger.info(`demo data: created ${created} organizations (users <key>@demo.srdi.example, password ${DEMO_PASSWORD})`);
  if (supply.listings > 0) logger.info(`demo data: created ${supply.listings} listings and ${supply.parks} parks`);
  if (requests > 0) logger.info(`demo data: created ${requests} match requests (pending, accepted, declined, completed, cancelled)`);
  if (programmes > 0) logger.info('demo data: created an open service-voucher programme with vouchers in every state');
  return created;
}

/** Demo data belongs to a first start: once anyone but the authority exists, leave the data alone. */
export async function isFirstStart(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.getRepository(OrganizationEntity).exists({ where: { kind: Not('AUTHORITY') } }));
}
