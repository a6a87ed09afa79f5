import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  CLOSE,
  CREATE_MUTATION,
  CREATE_PARK,
  LISTING,
  LISTINGS,
  PUBLISH,
  UPDATE_MUTATION,
  beijingDate,
  challengeInput,
  closeListing,
  createListing,
  createMutation,
  createPark,
  creditProductInput,
  inputFor,
  listingRow,
  loginAuthority,
  ok,
  outboxFor,
  parkInput,
  parkVacancyInput,
  publishListing,
  registerOrg,
  serviceOfferingInput,
  sql,
  updateMutation,
  writeSnapshot,
  type ListingKind,
  type Org,
  type OrgKind,
} from '../helpers/listing-fixtures.js';

/**
 * Listings of the four kinds through GraphQL: lifecycle (DRAFT → PUBLISHED → CLOSED → PUBLISHED),
 * visibility, filters and cursor pagination, the AUTHORITY's 下架, outbox events, and bad input.
 */

const OWNER_KIND: Record<ListingKind, OrgKind> = {
  SERVICE_OFFERING: 'SERVICE_PROVIDER',
  CREDIT_PRODUCT: 'BANK',
  CHALLENGE: 'ANCHOR_ENTERPRISE',
  PARK_VACANCY: 'PARK_OPERATOR',
};
const KINDS = Object.keys(OWNER_KIND) as ListingKind[];

/** What each kind's input changes on update, and how it reads back. */
const UPDATE_OVERRIDES: Record<ListingKind, Record<string, unknown>> = {
  SERVICE_OFFERING: { priceMax: 80_000, category: 'INTELLECTUAL_PROPERTY', acceptsServiceVoucher: false },
  CREDIT_PRODUCT: { amountMax: 20_000_000, annualRateMax: 5.1, termMonthsMax: 60, productType: 'LOAN_INVESTMENT_LINKAGE', partnerInvestor: '宁波甬江科创投资基金' },
  CHALLENGE: { budget: 5_000_000, cooperationMode: 'COMMISSIONED_RD', indicators: ['背隙 ≤ 8 弧秒'] },
  PARK_VACANCY: { areaSqm: 1500, rentPerSqmDay: 1.1, tenure: 'LEASE_OR_SALE', minTaxPerMuWan: 35 },
};

interface Edge {
  cursor: string;
  node: { id: string; kind: ListingKind; status: string; owner: { id: string } };
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Edge[];
}

describe('listings over GraphQL', () => {
  let app: TestApp;
  let authority: string;
  /** Verified owners of each listing kind, a second one of each (a non-owner of the right kind), and an enterprise. */
  const owners = {} as Record<ListingKind, Org>;
  const rivals = {} as Record<ListingKind, Org>;
  let enterprise: Org;
  let unverifiedProvider: Org;
  /** One park of owners.PARK_VACANCY and one of rivals.PARK_VACANCY. */
  let park: { id: string; name: string };
  let rivalPark: { id: string; name: string };

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    for (const kind of KINDS) {
      owners[kind] = await registerOrg(app, OWNER_KIND[kind], { verifyWith: authority });
      rivals[kind] = await registerOrg(app, OWNER_KIND[kind], { verifyWith: authority });
    }
    enterprise = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    unverifiedProvider = await registerOrg(app, 'SERVICE_PROVIDER');
    park = await createPark(app, owners.PARK_VACANCY.token);
    rivalPark = await createPark(app, rivals.PARK_VACANCY.token, { regionCode: '330203', name: '海曙区小微企业园' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const parkFor = (kind: ListingKind) => (kind === 'PARK_VACANCY' ? park.id : undefined);
  const readListing = async (id: string, token: string) => ok(await app.gql(LISTING, { id }, token), 'listing');

  /** Snapshot now; the returned check proves no listing table and no outbox row changed since. */
  async function nothingWritten(): Promise<() => Promise<void>> {
    const before = await writeSnapshot(app);
    return async () => expect(await writeSnapshot(app)).toEqual(before);
  }

  /** The single outbox event written since `seen` events of this listing, checked for type and version. */
  async function expectOneNewEvent(listingId: string, seen: number, type: string, version: number, status: string, kind: ListingKind) {
    const events = await outboxFor(app, listingId);
    expect(events).toHaveLength(seen + 1);
    const event = events[seen]!;
    expect(event).toMatchObject({ type, aggregate_type: 'listing', aggregate_id: listingId });
    // Ids and versions, not entities.
    expect(event.payload).toEqual({ listingId, kind, status, version, ownerOrganizationId: owners[kind].organizationId });
  }

  describe.each(KINDS)('%s lifecycle', (kind) => {
    it('create (DRAFT) → update → publish → update (stays PUBLISHED) → close → re-publish, one outbox event per step', async () => {
      const owner = owners[kind];
      const input = inputFor(kind, parkFor(kind));
      const created = ok(await app.gql(createMutation(kind), { i: input }, owner.token), CREATE_MUTATION[kind]);
      expect(created).toMatchObject({ kind, status: 'DRAFT', version: 1, title: input.title, publishedAt: null, closedReason: null, owner: { id: owner.organizationId } });
      await expectOneNewEvent(created.id, 0, 'listing.created', 1, 'DRAFT', kind);
      if (kind === 'PARK_VACANCY') {
        // A vacancy serves the region of its park.
        expect(created).toMatchObject({ regionCodes: ['330281'], park: { id: park.id, regionCode: '330281', operator: { id: owner.organizationId } } });
      } else {
        expect(created.regionCodes).toEqual(input.regionCodes);
      }

      // Drafts are the owner's alone.
      expect(await readListing(created.id, owner.token)).toMatchObject({ id: created.id, status: 'DRAFT' });
      expect(await readListing(created.id, enterprise.token)).toBeNull();
      expect(await readListing(created.id, rivals[kind].token)).toBeNull();

      const changes = UPDATE_OVERRIDES[kind];
      const updated = ok(
        await app.gql(updateMutation(kind), { id: created.id, i: inputFor(kind, parkFor(kind), { ...changes, title: `${input.title}（修订）` }) }, owner.token),
        UPDATE_MUTATION[kind],
      );
      expect(updated).toMatchObject({ id: created.id, status: 'DRAFT', version: 2, title: `${input.title}（修订）`, ...changes });
      await expectOneNewEvent(created.id, 1, 'listing.updated', 2, 'DRAFT', kind);

      const published = await publishListing(app, owner.token, created.id);
      expect(published).toMatchObject({ status: 'PUBLISHED', version: 3 });
      expect((published as { publishedAt?: string }).publishedAt).toBeTruthy();
      await expectOneNewEvent(created.id, 2, 'listing.published', 3, 'PUBLISHED', kind);
      // Published: every signed-in user sees it, with its kind's fields.
      expect(await readListing(created.id, enterprise.token)).toMatchObject({ id: created.id, status: 'PUBLISHED', ...changes });

      const republished = await publishListing(app, owner.token, created.id);
      expect(republished).toMatchObject({ status: 'PUBLISHED', version: 3 }); // publishing twice changes nothing
      expect(await outboxFor(app, created.id)).toHaveLength(3);

      const edited = ok(await app.gql(updateMutation(kind), { id: created.id, i: inputFor(kind, parkFor(kind), changes) }, owner.token), UPDATE_MUTATION[kind]);
      expect(edited).toMatchObject({ status: 'PUBLISHED', version: 4 });
      await expectOneNewEvent(created.id, 3, 'listing.updated', 4, 'PUBLISHED', kind);

      const closed = await closeListing(app, owner.token, created.id);
      expect(closed).toMatchObject({ status: 'CLOSED', version: 5, closedReason: null });
      await expectOneNewEvent(created.id, 4, 'listing.closed', 5, 'CLOSED', kind);
      expect(await readListing(created.id, enterprise.token)).toMatchObject({ status: 'CLOSED' });
      expect(await readListing(created.id, rivals[kind].token)).toMatchObject({ status: 'CLOSED' });

      const reopened = await publishListing(app, owner.token, created.id);
      expect(reopened).toMatchObject({ status: 'PUBLISHED', version: 6 });
      await expectOneNewEvent(created.id, 5, 'listing.published', 6, 'PUBLISHED', kind);

      expect((await outboxFor(app, created.id)).map((e) => e.type)).toEqual([
        'listing.created',
        'listing.updated',
        'listing.published',
        'listing.updated',
        'listing.closed',
        'listing.published',
      ]);
    });
  });

  it('round-trips every field of every kind', async () => {
    const expectations: Record<ListingKind, Record<string, unknown>> = {
      SERVICE_OFFERING: { category: 'POLICY_APPLICATION', priceMin: 20_000, priceMax: 60_000, acceptsServiceVoucher: true },
      CREDIT_PRODUCT: {
        productType: 'IP_PLEDGE',
        amountMin: 1_000_000,
        amountMax: 10_000_000,
        annualRateMin: 3.2,
        annualRateMax: 4.5,
        termMonthsMax: 36,
        rateType: 'LPR_FLOATING',
        guaranteeMethods: ['IP_PLEDGE'],
        pledgeRatioPercent: 50,
        partnerInvestor: null,
        eligibility: { tiers: ['SPECIALIZED_SME', 'LITTLE_GIANT'], minAnnualRevenue: 10_000_000, minInventionPatents: 1, minYearsInBusiness: 2, maxDebtRatio: 0.7 },
      },
      CHALLENGE: { techField: '精密传动', budget: 3_000_000, applyBy: beijingDate(30), ipOwnership: 'SHARED', cooperationMode: 'JOINT_RD', completionDeadline: beijingDate(400), preferredTiers: ['SPECIALIZED_SME'] },
      PARK_VACANCY: {
        areaSqm: 1200,
        floor: 1,
        ceilingHeightM: 9,
        floorLoadKgPerSqm: 3000,
        rentPerSqmDay: 0.9,
        availableFrom: beijingDate(10),
        useClass: 'PRODUCTION',
        tenure: 'LEASE',
        powerCapacityKva: 800,
        minTaxPerMuWan: 30,
        entryConditions: '亩均税收不低于 30 万元/亩，年研发投入占营收 3% 以上',
      },
    };
    for (const kind of KINDS) {
      const created = await createListing(app, owners[kind].token, kind, { parkId: parkFor(kind) });
      const read = await readListing(created.id, owners[kind].token);
      expect(read).toMatchObject({ kind, status: 'DRAFT', ...expectations[kind] });
    }
  });

  it('park(id) with its operator; an unknown park is null', async () => {
    const res = await app.gql(`query($id: ID!) { park(id: $id) { id name regionCode starRating industries address operator { id kind name } } }`, { id: park.id }, enterprise.token);
    expect(ok(res, 'park')).toMatchObject({ id: park.id, regionCode: '330281', starRating: 4, industries: ['C34', 'C38'], operator: { id: owners.PARK_VACANCY.organizationId, kind: 'PARK_OPERATOR' } });
    expect(ok(await app.gql(`query($id: ID!) { park(id: $id) { id } }`, { id: '00000000-0000-4000-8000-000000000000' }, enterprise.token), 'park')).toBeNull();
    const anonymous = await app.gql(`query($id: ID!) { park(id: $id) { id } }`, { id: park.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("a vacancy in another operator's park → FORBIDDEN, nothing written", async () => {
    const unchanged = await nothingWritten();
    const res = await app.gql(createMutation('PARK_VACANCY'), { i: parkVacancyInput(rivalPark.id) }, owners.PARK_VACANCY.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.data ?? null).toBeNull();
    await unchanged();
    // Its own park is fine.
    const own = ok(await app.gql(createMutation('PARK_VACANCY'), { i: parkVacancyInput(rivalPark.id) }, rivals.PARK_VACANCY.token), 'createParkVacancy');
    expect(own).toMatchObject({ regionCodes: ['330203'], park: { id: rivalPark.id, operator: { id: rivals.PARK_VACANCY.organizationId } } });
  });

  describe('AUTHORITY 下架', () => {
    it('closes any listing with a reason, recorded and visible; without a reason → BAD_USER_INPUT reason', async () => {
      const owner = owners.CREDIT_PRODUCT;
      const { id } = await createListing(app, owner.token, 'CREDIT_PRODUCT');
      await publishListing(app, owner.token, id);

      for (const reason of [undefined, '', '   ']) {
        const unchanged = await nothingWritten();
        const res = await app.gql(CLOSE, { id, reason }, authority);
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
        await unchanged();
      }
      const tooLong = await app.gql(CLOSE, { id, reason: '违'.repeat(501) }, authority);
      expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

      const reason = '产品宣传年化利率与实际不符，责令下架整改';
      const closed = await closeListing(app, authority, id, reason);
      expect(closed).toMatchObject({ status: 'CLOSED', version: 3, closedReason: reason, owner: { id: owner.organizationId } });
      const events = await outboxFor(app, id);
      expect(events.map((e) => e.type)).toEqual(['listing.created', 'listing.published', 'listing.closed']);
      expect(events[2]!.payload).toMatchObject({ listingId: id, version: 3, status: 'CLOSED' });
      const [row] = await sql(app, 'SELECT closed_by_user_id, closed_at FROM listings WHERE id = $1', [id]);
      expect(row.closed_by_user_id).toBeTruthy();
      expect(row.closed_at).toBeTruthy();

      // The owner and everyone else see why.
      expect(await readListing(id, owner.token)).toMatchObject({ status: 'CLOSED', closedReason: reason });
      expect(await readListing(id, enterprise.token)).toMatchObject({ status: 'CLOSED', closedReason: reason });

      // A takedown sticks: the owner cannot re-publish it, and the record stays.
      const again = await app.gql(PUBLISH, { id }, owner.token);
      expect(again.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await readListing(id, enterprise.token)).toMatchObject({ status: 'CLOSED', closedReason: reason, version: 3 });
    });

    it('an owner closes its own listing without a reason', async () => {
      const { id } = await createListing(app, owners.SERVICE_OFFERING.token, 'SERVICE_OFFERING');
      expect(await closeListing(app, owners.SERVICE_OFFERING.token, id)).toMatchObject({ status: 'CLOSED', closedReason: null, version: 2 });
      // Never published: closing a draft does not show it to anyone else.
      expect(await readListing(id, enterprise.token)).toBeNull();
      expect(await readListing(id, owners.SERVICE_OFFERING.token)).toMatchObject({ status: 'CLOSED' });
    });
  });

  describe('listings(filter, first, after)', () => {
    /** A provider of its own, so its listings can be counted exactly: 2 drafts, 3 published, 1 closed. */
    let provider: Org;
    const ids = { drafts: [] as string[], published: [] as string[], closed: [] as string[], all: [] as string[] };

    const page = async (token: string, vars: { filter?: Record<string, unknown>; first?: number; after?: string | null }): Promise<Page> =>
      ok<Page>(await app.gql(LISTINGS, vars, token), 'listings');

    /** Walks every page with `first`, checking each page's shape; returns the ids in order. */
    async function walk(token: string, filter: Record<string, unknown> | undefined, first: number): Promise<{ ids: string[]; totalCount: number; pages: number }> {
      const seen: string[] = [];
      let after: string | null = null;
      let totalCount = -1;
      let pages = 0;
      for (;;) {
        const p: Page = await page(token, { filter, first, after });
        pages += 1;
        if (totalCount === -1) totalCount = p.totalCount;
        expect(p.totalCount).toBe(totalCount); // the same on every page
        expect(p.edges.length).toBeLessThanOrEqual(first);
        seen.push(...p.edges.map((e) => e.node.id));
        if (p.edges.length) expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1]!.cursor);
        if (!p.pageInfo.hasNextPage) break;
        expect(p.edges).toHaveLength(first);
        after = p.pageInfo.endCursor;
        expect(pages).toBeLessThan(500);
      }
      expect(new Set(seen).size).toBe(seen.length); // no duplicates
      return { ids: seen, totalCount, pages };
    }

    beforeAll(async () => {
      provider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
      const regions = [['330281'], ['330203'], [], ['330281', '330211'], ['110000'], ['330203']];
      for (const [i, regionCodes] of regions.entries()) {
        const { id } = await createListing(app, provider.token, 'SERVICE_OFFERING', { overrides: { regionCodes, title: `筛选测试服务 ${i}` } });
        ids.all.push(id);
        if (i < 2) ids.drafts.push(id);
        else {
          await publishListing(app, provider.token, id);
          if (i === 5) {
            await closeListing(app, provider.token, id);
            ids.closed.push(id);
          } else ids.published.push(id);
        }
      }
    });

    it("drafts only for their owner; published and closed for everyone signed in; anonymous → UNAUTHENTICATED", async () => {
      const mine = await walk(provider.token, { ownerId: provider.organizationId }, 100);
      expect(mine.totalCount).toBe(6);
      expect(new Set(mine.ids)).toEqual(new Set(ids.all));

      for (const viewer of [enterprise, rivals.SERVICE_OFFERING, owners.CHALLENGE]) {
        const theirs = await page(viewer.token, { filter: { ownerId: provider.organizationId }, first: 100 });
        expect(theirs.totalCount).toBe(4);
        expect(new Set(theirs.edges.map((e) => e.node.id))).toEqual(new Set([...ids.published, ...ids.closed]));
        expect(theirs.edges.every((e) => e.node.status !== 'DRAFT')).toBe(true);
        const drafts = await page(viewer.token, { filter: { ownerId: provider.organizationId, status: 'DRAFT' }, first: 100 });
        expect(drafts).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
      }

      // Across all owners: nobody sees another organization's draft.
      const everything = await walk(enterprise.token, undefined, 50);
      // Visible: published, closed after having been published, or one's own.
      const [{ n }] = await sql(
        app,
        `SELECT count(*)::int AS n FROM listings WHERE status = 'PUBLISHED' OR (status = 'CLOSED' AND published_at IS NOT NULL) OR owner_organization_id = $1`,
        [enterprise.organizationId],
      );
      expect(everything.totalCount).toBe(n);
      expect(everything.ids).toHaveLength(n);
      const statuses = await sql(app, `SELECT DISTINCT status::text FROM listings WHERE id = ANY($1::uuid[])`, [everything.ids]);
      expect(statuses.map((s: { status: string }) => s.status).sort()).toEqual(['CLOSED', 'PUBLISHED']);

      const anonymous = await app.gql(LISTINGS, { first: 5 });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('filters by status, ownerId, kinds and regionCodes', async () => {
      const byStatus = async (status: string, token = provider.token) =>
        (await page(token, { filter: { ownerId: provider.organizationId, status }, first: 100 })).edges.map((e) => e.node.id).sort();
      expect(await byStatus('DRAFT')).toEqual([...ids.drafts].sort());
      expect(await byStatus('PUBLISHED')).toEqual([...ids.published].sort());
      expect(await byStatus('CLOSED')).toEqual([...ids.closed].sort());
      expect(await byStatus('PUBLISHED', enterprise.token)).toEqual([...ids.published].sort());

      // kinds: every node of the asked kinds, and all of them.
      for (const kinds of [['CREDIT_PRODUCT'], ['CHALLENGE', 'PARK_VACANCY']]) {
        const walked = await walk(enterprise.token, { kinds }, 3);
        const [{ n }] = await sql(app, `SELECT count(*)::int AS n FROM listings WHERE kind::text = ANY($1) AND status <> 'DRAFT'`, [kinds]);
        expect(walked.totalCount).toBe(n);
        expect(n).toBeGreaterThan(0);
        const kindsSeen = await sql(app, `SELECT DISTINCT kind::text AS kind FROM listings WHERE id = ANY($1::uuid[])`, [walked.ids]);
        expect(kindsSeen.every((k: { kind: string }) => kinds.includes(k.kind))).toBe(true);
      }
      const owned = await page(enterprise.token, { filter: { ownerId: owners.CREDIT_PRODUCT.organizationId, kinds: ['CREDIT_PRODUCT'] }, first: 100 });
      expect(owned.edges.every((e) => e.node.owner.id === owners.CREDIT_PRODUCT.organizationId && e.node.kind === 'CREDIT_PRODUCT')).toBe(true);
      expect((await page(enterprise.token, { filter: { ownerId: owners.CREDIT_PRODUCT.organizationId, kinds: ['CHALLENGE'] }, first: 100 })).totalCount).toBe(0);

      // regionCodes: listings serving any of the regions, and those serving anywhere (no regions).
      const inRegions = async (regionCodes: string[]) =>
        (await page(provider.token, { filter: { ownerId: provider.organizationId, regionCodes }, first: 100 })).edges.map((e) => e.node.id).sort();
      const [r281, r203, anywhere, r281r211, r110, r203closed] = ids.all;
      expect(await inRegions(['330203'])).toEqual([r203, anywhere, r203closed].sort());
      expect(await inRegions(['330211'])).toEqual([anywhere, r281r211].sort());
      expect(await inRegions(['330281', '110000'])).toEqual([r281, anywhere, r281r211, r110].sort());
      expect(await inRegions([])).toHaveLength(6); // an empty list does not filter
      // Regions nest: 宁波市 covers its districts, and a listing serving 浙江省 serves 余姚 too.
      expect(await inRegions(['330200'])).toEqual([r281, r203, anywhere, r281r211, r203closed].sort());
      expect(await inRegions(['330000'])).toEqual([r281, r203, anywhere, r281r211, r203closed].sort());
      expect(await inRegions(['330100'])).toEqual([anywhere]); // 杭州市: nothing of Ningbo's
    });

    it('cursor pagination: first=2 pages until hasNextPage=false, newest first, no duplicates, stable, totalCount right', async () => {
      const filter = { ownerId: provider.organizationId };
      const walked = await walk(provider.token, filter, 2);
      expect(walked).toMatchObject({ totalCount: 6, pages: 3 });
      expect(walked.ids).toEqual([...ids.all].reverse()); // newest first
      expect(await walk(provider.token, filter, 2)).toEqual(walked); // stable
      expect((await walk(provider.token, filter, 4)).ids).toEqual(walked.ids);
      expect((await walk(provider.token, filter, 1)).ids).toEqual(walked.ids);

      // The last page: hasNextPage false; after the last cursor, nothing.
      const last = await page(provider.token, { filter, first: 6 });
      expect(last.pageInfo.hasNextPage).toBe(false);
      const beyond = await page(provider.token, { filter, first: 2, after: last.pageInfo.endCursor });
      expect(beyond).toMatchObject({ totalCount: 6, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });

      // Across all listings, pages of 2 give what one big page gives.
      const all = await walk(enterprise.token, undefined, 2);
      expect(all.ids).toEqual((await page(enterprise.token, { first: 100 })).edges.map((e) => e.node.id));
    });

    it('pagination holds when listings share a creation time (one transaction, e.g. a seed)', async () => {
      const tied = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
      const created: string[] = [];
      for (let i = 0; i < 5; i += 1) created.push((await createListing(app, tied.token, 'SERVICE_OFFERING')).id);
      // Rows written in one transaction share now(), to the microsecond.
      await sql(app, `UPDATE listings SET created_at = '2026-03-01 08:00:00.123456+08' WHERE owner_organization_id = $1`, [tied.organizationId]);
      const filter = { ownerId: tied.organizationId };
      const walked = await walk(tied.token, filter, 2);
      expect(walked.totalCount).toBe(5);
      expect(new Set(walked.ids)).toEqual(new Set(created));
      expect(walked.ids).toEqual([...created].sort().reverse()); // ties broken by id, descending
    });

    it('bad paging arguments → BAD_USER_INPUT naming the argument', async () => {
      const bad = async (vars: Record<string, unknown>, field: string) => {
        const res = await app.gql(LISTINGS, vars, enterprise.token);
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
        expect(res.data ?? null).toBeNull();
      };
      await bad({ first: 2, after: 'not-a-cursor' }, 'after');
      await bad({ first: 2, after: Buffer.from('yesterday|nobody').toString('base64url') }, 'after');
      await bad({ first: 2, after: Buffer.from(`${new Date().toISOString()}|not-a-uuid`).toString('base64url') }, 'after');
      await bad({ first: 0 }, 'first');
      await bad({ first: 101 }, 'first');
      await bad({ first: 2, filter: { ownerId: 'nobody' } }, 'filter.ownerId');
    });
  });

  describe('bad input: the right code, the field named, nothing written', () => {
    interface BadCase {
      name: string;
      code: 'FORBIDDEN' | 'BAD_USER_INPUT';
      field?: string;
      /** Sets up what the call needs and returns it (setup writes happen before the snapshot). */
      call: () => Promise<{ query: string; variables: Record<string, unknown>; token: string; mutation: string }>;
    }

    /** Creating a listing of `kind` with `overrides`, as its owner unless `as` says who. */
    const create = (kind: ListingKind, overrides: Record<string, unknown>, as?: () => Org) => async () => ({
      query: createMutation(kind),
      variables: { i: inputFor(kind, parkFor(kind), overrides) },
      token: (as?.() ?? owners[kind]).token,
      mutation: CREATE_MUTATION[kind],
    });
    /** Updating a fresh listing of `kind` (published when asked) with `overrides`, as its owner unless `as` says who. */
    const update = (kind: ListingKind, overrides: Record<string, unknown>, opts: { as?: () => Org; published?: boolean } = {}) => async () => {
      const { id } = await createListing(app, owners[kind].token, kind, { parkId: parkFor(kind) });
      if (opts.published) await publishListing(app, owners[kind].token, id);
      return {
        query: updateMutation(kind),
        variables: { id, i: inputFor(kind, parkFor(kind), overrides) },
        token: (opts.as?.() ?? owners[kind]).token,
        mutation: UPDATE_MUTATION[kind],
      };
    };

    const CASES: BadCase[] = [
      { name: 'a BANK creating a service offering', code: 'FORBIDDEN', call: create('SERVICE_OFFERING', {}, () => owners.CREDIT_PRODUCT) },
      { name: 'an unverified owner publishing', code: 'FORBIDDEN', call: async () => {
        const { id } = await createListing(app, unverifiedProvider.token, 'SERVICE_OFFERING');
        return { query: PUBLISH, variables: { id }, token: unverifiedProvider.token, mutation: 'publishListing' };
      } },
      { name: 'a non-owner of the same kind updating', code: 'FORBIDDEN', call: update('CREDIT_PRODUCT', { title: '他行篡改的标题' }, { as: () => rivals.CREDIT_PRODUCT, published: true }) },
      { name: 'amountMin > amountMax', code: 'BAD_USER_INPUT', field: 'input.amountMin', call: create('CREDIT_PRODUCT', { amountMin: 5_000_001, amountMax: 5_000_000 }) },
      { name: 'amountMin > amountMax on update', code: 'BAD_USER_INPUT', field: 'input.amountMin', call: update('CREDIT_PRODUCT', { amountMin: 20_000_000 }, { published: true }) },
      { name: 'amountMin of 0', code: 'BAD_USER_INPUT', field: 'input.amountMin', call: create('CREDIT_PRODUCT', { amountMin: 0 }) },
      { name: 'annualRateMax above 24 %', code: 'BAD_USER_INPUT', field: 'input.annualRateMax', call: create('CREDIT_PRODUCT', { annualRateMax: 24.5 }) },
      { name: 'annualRateMin below 0 %', code: 'BAD_USER_INPUT', field: 'input.annualRateMin', call: create('CREDIT_PRODUCT', { annualRateMin: -0.1 }) },
      { name: 'annualRateMin > annualRateMax', code: 'BAD_USER_INPUT', field: 'input.annualRateMin', call: create('CREDIT_PRODUCT', { annualRateMin: 6, annualRateMax: 5 }) },
      { name: 'termMonthsMax 0', code: 'BAD_USER_INPUT', field: 'input.termMonthsMax', call: create('CREDIT_PRODUCT', { termMonthsMax: 0 }) },
      { name: 'termMonthsMax 361', code: 'BAD_USER_INPUT', field: 'input.termMonthsMax', call: create('CREDIT_PRODUCT', { termMonthsMax: 361 }) },
      { name: 'pledgeRatioPercent above 100', code: 'BAD_USER_INPUT', field: 'input.pledgeRatioPercent', call: create('CREDIT_PRODUCT', { pledgeRatioPercent: 120 }) },
      { name: 'areaSqm 0', code: 'BAD_USER_INPUT', field: 'input.areaSqm', call: create('PARK_VACANCY', { areaSqm: 0 }) },
      { name: 'areaSqm negative', code: 'BAD_USER_INPUT', field: 'input.areaSqm', call: create('PARK_VACANCY', { areaSqm: -100 }) },
      { name: 'rentPerSqmDay 0', code: 'BAD_USER_INPUT', field: 'input.rentPerSqmDay', call: create('PARK_VACANCY', { rentPerSqmDay: 0 }) },
      { name: 'rentPerSqmDay negative on update', code: 'BAD_USER_INPUT', field: 'input.rentPerSqmDay', call: update('PARK_VACANCY', { rentPerSqmDay: -0.5 }) },
      { name: 'priceMin > priceMax', code: 'BAD_USER_INPUT', field: 'input.priceMin', call: create('SERVICE_OFFERING', { priceMin: 9000, priceMax: 8000 }) },
      { name: 'applyBy in the past at publish', code: 'BAD_USER_INPUT', field: 'input.applyBy', call: async () => {
        const { id } = await createListing(app, owners.CHALLENGE.token, 'CHALLENGE', { overrides: { applyBy: beijingDate(-1) } });
        return { query: PUBLISH, variables: { id }, token: owners.CHALLENGE.token, mutation: 'publishListing' };
      } },
      { name: 'applyBy moved into the past on a published challenge', code: 'BAD_USER_INPUT', field: 'input.applyBy', call: update('CHALLENGE', { applyBy: beijingDate(-1), completionDeadline: null }, { published: true }) },
      { name: 'completionDeadline before applyBy', code: 'BAD_USER_INPUT', field: 'input.completionDeadline', call: create('CHALLENGE', { completionDeadline: beijingDate(5) }) },
      { name: 'an unknown region code', code: 'BAD_USER_INPUT', field: 'input.regionCodes[1]', call: create('SERVICE_OFFERING', { regionCodes: ['330281', '999999'] }) },
      { name: 'a malformed region code', code: 'BAD_USER_INPUT', field: 'input.regionCodes[0]', call: create('CHALLENGE', { regionCodes: ['3302'] }) },
      { name: 'an unknown industry code', code: 'BAD_USER_INPUT', field: 'input.industryCodes[0]', call: create('CREDIT_PRODUCT', { industryCodes: ['C99'] }) },
      { name: 'a malformed industry code', code: 'BAD_USER_INPUT', field: 'input.industryCodes[1]', call: create('PARK_VACANCY', { industryCodes: ['C34', '制造业'] }) },
      { name: 'a park in an unknown region', code: 'BAD_USER_INPUT', field: 'input.regionCode', call: async () => ({ query: CREATE_PARK, variables: { i: parkInput({ regionCode: '339999' }) }, token: owners.PARK_VACANCY.token, mutation: 'createPark' }) },
      { name: 'a park hosting an unknown industry', code: 'BAD_USER_INPUT', field: 'input.industries[0]', call: async () => ({ query: CREATE_PARK, variables: { i: parkInput({ industries: ['Z01'] }) }, token: owners.PARK_VACANCY.token, mutation: 'createPark' }) },
      { name: 'a title over 100 characters', code: 'BAD_USER_INPUT', field: 'input.title', call: create('SERVICE_OFFERING', { title: '专'.repeat(101) }) },
      { name: 'a title over 100 characters on update', code: 'BAD_USER_INPUT', field: 'input.title', call: update('CHALLENGE', { title: '榜'.repeat(101) }) },
      { name: 'a description over 5,000 characters', code: 'BAD_USER_INPUT', field: 'input.description', call: create('CREDIT_PRODUCT', { description: '贷'.repeat(5001) }) },
      { name: 'an empty title', code: 'BAD_USER_INPUT', field: 'input.title', call: create('CHALLENGE', { title: '' }) },
      { name: 'a blank title', code: 'BAD_USER_INPUT', field: 'input.title', call: create('PARK_VACANCY', { title: '   ' }) },
      { name: 'an empty description', code: 'BAD_USER_INPUT', field: 'input.description', call: create('SERVICE_OFFERING', { description: ' ' }) },
      { name: 'empty challenge requirements', code: 'BAD_USER_INPUT', field: 'input.requirements', call: create('CHALLENGE', { requirements: '' }) },
      { name: 'an empty techField', code: 'BAD_USER_INPUT', field: 'input.techField', call: create('CHALLENGE', { techField: '  ' }) },
      { name: 'an empty park name', code: 'BAD_USER_INPUT', field: 'input.name', call: async () => ({ query: CREATE_PARK, variables: { i: parkInput({ name: '' }) }, token: owners.PARK_VACANCY.token, mutation: 'createPark' }) },
      { name: 'a vacancy in a park that is not an id', code: 'BAD_USER_INPUT', field: 'input.parkId', call: create('PARK_VACANCY', { parkId: 'park-1' }) },
      { name: 'updating a listing of another kind', code: 'BAD_USER_INPUT', field: 'id', call: async () => {
        const { id } = await createListing(app, owners.SERVICE_OFFERING.token, 'SERVICE_OFFERING');
        await publishListing(app, owners.SERVICE_OFFERING.token, id);
        // An anchor may update challenges, but this published listing is a service offering.
        return { query: updateMutation('CHALLENGE'), variables: { id, i: challengeInput() }, token: owners.CHALLENGE.token, mutation: 'updateChallenge' };
      } },
    ];

    it.each(CASES)('$name → $code $field', async ({ code, field, call }) => {
      const c = await call();
      const unchanged = await nothingWritten();
      const res: GraphQLResponse = await app.gql(c.query, c.variables, c.token);
      expect(res.errors).toHaveLength(1);
      const error = res.errors![0]!;
      expect(error.extensions?.code).toBe(code);
      if (field) expect(error.extensions?.field).toBe(field);
      if (code === 'FORBIDDEN') expect(error.message).toContain(c.mutation);
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.data ?? null).toBeNull();
      await unchanged();
      if (c.variables.id) expect(await listingRow(app, c.variables.id as string)).toBeDefined();
    });

    it('boundaries are accepted: 100-character title, 5,000-character description, rates 0.01 and 24 % (0 is refused: issue 24), terms 1 and 360 months, applyBy today', async () => {
      ok(await app.gql(createMutation('SERVICE_OFFERING'), { i: serviceOfferingInput({ title: '专'.repeat(100), description: '述'.repeat(5000) }) }, owners.SERVICE_OFFERING.token), 'createServiceOffering');
      ok(await app.gql(createMutation('CREDIT_PRODUCT'), { i: creditProductInput({ annualRateMin: 0.01, annualRateMax: 24, termMonthsMax: 1 }) }, owners.CREDIT_PRODUCT.token), 'createCreditProduct');
      ok(await app.gql(createMutation('CREDIT_PRODUCT'), { i: creditProductInput({ termMonthsMax: 360, amountMin: 5_000_000, amountMax: 5_000_000 }) }, owners.CREDIT_PRODUCT.token), 'createCreditProduct');
      const today = ok(await app.gql(createMutation('CHALLENGE'), { i: challengeInput({ applyBy: beijingDate(0) }) }, owners.CHALLENGE.token), 'createChallenge');
      expect(await publishListing(app, owners.CHALLENGE.token, today.id)).toMatchObject({ status: 'PUBLISHED' });
    });
  });
});
