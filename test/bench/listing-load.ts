/**
 * Shared by the listings benchmark and the N+1 e2e test: a population of published listings of
 * every kind from several owners and two parks, and a counter of the SQL statements the app sends.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, demoListings } from '../../apps/api/src/demo/demo-listings.js';
import type { Actor } from '../../libs/identity/src/access/access-policy.js';
import { hashPassword } from '../../libs/identity/src/auth/password-hasher.js';
import { IdentityService } from '../../libs/identity/src/identity.service.js';
import type { OrganizationKind } from '../../libs/identity/src/organizations/organization-kind.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { ListingService, type FullListing } from '../../libs/listings/src/listing.service.js';

export const LOAD_PASSWORD = 'load-password-0001';

export interface ListingLoad {
  owners: Actor[];
  parkIds: string[];
  /** Published listings created, newest last. */
  listingIds: string[];
}

const OWNER_KINDS: Array<[OrganizationKind, number]> = [
  ['SERVICE_PROVIDER', 3],
  ['BANK', 2],
  ['ANCHOR_ENTERPRISE', 2],
  ['PARK_OPERATOR', 2],
];
const REGIONS = ['330281', '330211', '330212', '330206'];

/**
 * `count` published listings through ListingService (as their owners would create them), kinds
 * interleaved (service, credit, challenge, vacancy, …) so that any page holds every kind; each in
 * its own transaction, so created_at (the transaction's now()) gives a stable newest-first order.
 * Owners: 3 service providers, 2 banks, 2 anchor enterprises, 2 park operators with a park each.
 */
export async function seedListingLoad(ds: DataSource, count = 60, tag = 'LD'): Promise<ListingLoad> {
  const identity = new IdentityService(ds);
  const listings = new ListingService(ds);
  const passwordHash = await hashPassword(LOAD_PASSWORD);
  const today = todayInShanghai();
  const demo = demoListings(today);
  const owners = new Map<OrganizationKind, Actor[]>();
  let n = 0;
  for (const [kind, howMany] of OWNER_KINDS) {
    for (let i = 0; i < howMany; i++, n++) {
      const regionCode = REGIONS[n % REGIONS.length]!;
      const { organization, user } = await ds.transaction((m) =>
        identity.createOrganizationWithUser(
          m,
          {
            email: `${tag.toLowerCase()}-${kind.toLowerCase()}-${i}@load.srdi.example`,
            password: LOAD_PASSWORD,
            displayName: `负载测试 ${kind} ${i}`,
            organization: { kind, name: `宁波负载测试${kind}${i}有限公司`, uscc: makeUscc('91', regionCode, `${tag}Q${String(n).padStart(5, '0')}`), regionCode },
          },
          passwordHash,
          true,
        ),
      );
      const actor: Actor = { userId: user.id, organizationId: organization.id, kind, verified: true };
      owners.set(kind, [...(owners.get(kind) ?? []), actor]);
    }
  }
  const parkIds: string[] = [];
  for (const [i, operator] of owners.get('PARK_OPERATOR')!.entries()) {
    const template = demo.parks[i % demo.parks.length]!.input;
    const park = await ds.transaction((m) => listings.createPark(m, operator, { ...template, name: `${template.name} ${tag}${i}` }));
    parkIds.push(park.id);
  }
  const vacancyTemplates = demo.parks.flatMap((p) => p.vacancies.map((v) => v.input));
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;
  const listingIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const k = Math.floor(i / 4);
    const suffix = ` #${i}`;
    const create = (m: EntityManager): Promise<FullListing> => {
      switch (i % 4) {
        case 0: {
          const actor = pick(owners.get('SERVICE_PROVIDER')!, k);
          const t = pick(demo.services, k).input;
          return listings.createServiceOffering(m, actor, { ...t, title: t.title + suffix });
        }
        case 1: {
          const actor = pick(owners.get('BANK')!, k);
          const t = pick(demo.credit, k).input;
          return listings.createCreditProduct(m, actor, { ...t, title: t.title + suffix });
        }
        case 2: {
          const actor = pick(owners.get('ANCHOR_ENTERPRISE')!, k);
          const t = pick(demo.challenges, k).input;
          return listings.createChallenge(m, actor, { ...t, title: t.title + suffix, applyBy: addDays(today, 60), completionDeadline: addDays(today, 400) });
        }
        default: {
          const actor = pick(owners.get('PARK_OPERATOR')!, k);
          const parkId = parkIds[owners.get('PARK_OPERATOR')!.indexOf(actor)]!;
          const t = pick(vacancyTemplates, k);
          return listings.createParkVacancy(m, actor, { ...t, title: t.title + suffix, parkId });
        }
      }
    };
    const id = await ds.transaction(async (m) => {
      const { listing } = await create(m);
      const owner = [...owners.values()].flat().find((a) => a.organizationId === listing.ownerOrganizationId)!;
      await listings.publish(m, owner, listing.id);
      return listing.id;
    });
    listingIds.push(id);
  }
  return { owners: [...owners.values()].flat(), parkIds, listingIds };
}

export interface QueryCounter {
  /** Runs `work` and returns the SQL statements the process sent meanwhile. */
  during<T>(work: () => Promise<T>): Promise<{ result: T; sql: string[] }>;
  restore(): void;
}

type PgQuery = (...args: unknown[]) => unknown;
interface PgClient {
  query: PgQuery;
}
/** pg-pool's public events: 'acquire' hands out a client (a new one or an idle one) for every checkout. */
interface PgPool {
  on(event: 'acquire', listener: (client: PgClient) => void): unknown;
  off(event: 'acquire', listener: (client: PgClient) => void): unknown;
}

/** The statement's text, whitespace collapsed (a string, or pg's `{ name, text, values }` config). */
const statementText = (q: unknown): string => String(typeof q === 'object' && q !== null && 'text' in q ? (q as { text: string }).text : q).replace(/\s+/g, ' ');

/**
 * Counts SQL statements on the DataSources' pools (two apps in one test: pass both). Each pool's
 * public 'acquire' event hands over every client it checks out — for TypeORM's queries and
 * transactions and for the prepared reads sent straight to the pool (ADR 0040) alike — and that
 * client's `query` is wrapped (on the client, not on pg's Client prototype) before the caller sends
 * anything: every statement is seen once (repository and query-builder reads, saves, raw
 * `dataSource.query`, START TRANSACTION / COMMIT, prepared reads). Clients of other pools (the
 * search replica's feed, LISTEN connections) are not counted, nor a client checked out before the
 * counter was made and still held (none between requests). Nothing is mocked: the statements still
 * run against PostgreSQL. It sees this process only (the app under test runs in-process); the
 * caller keeps background pollers (outbox relay, workers) out of the measured window or tolerates them.
 */
export async function countQueries(...sources: DataSource[]): Promise<QueryCounter> {
  // TypeORM's PostgresDriver keeps its pg pool in `master` (public; no read replicas configured).
  const pools = sources.map((ds) => (ds.driver as unknown as { master: PgPool }).master);
  const wrapped = new Map<PgClient, { wrapper: PgQuery; original: PgQuery; own: boolean }>();
  let seen: string[] | undefined;
  const watch = (client: PgClient) => {
    if (wrapped.has(client)) return;
    const own = Object.prototype.hasOwnProperty.call(client, 'query');
    const original = client.query;
    const wrapper: PgQuery = function (this: unknown, ...args: unknown[]) {
      seen?.push(statementText(args[0]));
      return original.apply(this, args);
    };
    client.query = wrapper;
    wrapped.set(client, { wrapper, original, own });
  };
  for (const pool of pools) pool.on('acquire', watch);
  return {
    async during(work) {
      const sql: string[] = [];
      seen = sql;
      try {
        return { result: await work(), sql };
      } finally {
        seen = undefined;
      }
    },
    restore() {
      for (const pool of pools) pool.off('acquire', watch);
      for (const [client, { wrapper, original, own }] of wrapped) {
        if (client.query !== wrapper) continue; // wrapped again on top (another counter): left to it
        if (own) client.query = original;
        else delete (client as Partial<PgClient>).query;
      }
      wrapped.clear();
    },
  };
}

/** The page the N+1 test and the benchmark ask for: owners, and each vacancy's park and operator. */
export const LISTINGS_WITH_OWNERS = `query($first: Int!) {
  listings(first: $first) {
    totalCount
    edges { node { id title owner { id name } ... on ParkVacancy { park { id name operator { id } } } } }
  }
}`;
