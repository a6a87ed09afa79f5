import { randomBytes } from 'node:crypto';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { FAULT_AUTHORITY } from '../helpers/app-process.js';
import { call, must, Tally, type Outcome } from './client.js';
import { profileInput } from '../helpers/profile-fixtures.js';
import { serviceOfferingInput } from '../helpers/listing-fixtures.js';

/**
 * The client side of every scenario: a stream of real mutations and reads over HTTP, and a ledger
 * of what the server acknowledged (a success response) and what was only attempted, which the
 * checks compare with the database afterwards.
 */

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const tag = () => [...randomBytes(8)].map((b) => USCC_BODY[b % USCC_BODY.length]).join('');

export const Q = {
  login: `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`,
  register: `mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id organization { id } } } }`,
  verify: `mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`,
  profile: `mutation($i: EnterpriseProfileInput!) { upsertEnterpriseProfile(input: $i) { version organization { id } } }`,
  create: `mutation($i: ServiceOfferingInput!) { createServiceOffering(input: $i) { id } }`,
  publish: `mutation($id: ID!) { publishListing(id: $id) { id status } }`,
  requestMatch: `mutation($i: MatchRequestInput!) { requestMatch(input: $i) { id } }`,
  import: `mutation($i: EnterpriseImportInput!) { importEnterprises(input: $i) { total created updated unchanged rejectedRows } }`,
  search: `query($i: SearchInput!) { search(input: $i) { total hits { listing { id } } } }`,
  listings: `query { listings(first: 20) { totalCount edges { node { id status } } } }`,
};

export interface Party {
  token: string;
  orgId: string;
}

export interface ImportAttempt {
  usccs: string[];
  csv: string;
  outcome?: Outcome['kind'];
}

/** What the clients were told. Only `ok` answers enter the acknowledged sets. */
export class Ledger {
  readonly attemptedRegistrations: Array<{ email: string; uscc: string }> = [];
  readonly registered: Array<{ email: string; uscc: string; orgId: string }> = [];
  readonly profileVersions = new Map<string, number>();
  readonly created = new Set<string>();
  readonly published = new Set<string>();
  readonly matchRequests = new Set<string>();
  readonly imports: ImportAttempt[] = [];

  acknowledged(): number {
    return this.registered.length + this.profileVersions.size + this.created.size + this.published.size + this.matchRequests.size + this.imports.filter((i) => i.outcome === 'ok').length;
  }
}

export class World {
  authority = '';
  readonly providers: Party[] = [];
  readonly enterprises: Party[] = [];
  readonly listings: string[] = [];
  private readonly pairs = new Set<string>();
  readonly ledger = new Ledger();
  readonly tally = new Tally();

  /** `url()` is read on every call: a restarted process listens on a new port. */
  constructor(readonly url: () => string) {}

  async setUp(providers = 3, enterprises = 4, listings = 6): Promise<void> {
    this.authority = (await must(this.url(), Q.login, { i: FAULT_AUTHORITY })).login.accessToken;
    for (let i = 0; i < providers; i++) {
      const t = tag();
      const reg = await must(this.url(), Q.register, { i: registration('SERVICE_PROVIDER', t) });
      await must(this.url(), Q.verify, { id: reg.register.user.organization.id }, this.authority);
      this.providers.push({ token: reg.register.accessToken, orgId: reg.register.user.organization.id });
    }
    for (let i = 0; i < enterprises; i++) await this.registerEnterprise(true);
    for (let i = 0; i < listings; i++) await this.publishListing(true);
  }

  private async op(name: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Outcome> {
    const sent = Date.now();
    const out = await call(this.url(), query, variables, token);
    this.tally.add(name, out, sent);
    return out;
  }

  async registerEnterprise(setUp = false): Promise<void> {
    const t = tag();
    const input = registration('ENTERPRISE', t);
    this.ledger.attemptedRegistrations.push({ email: input.email, uscc: input.organization.uscc });
    const reg = setUp ? { kind: 'ok' as const, data: await must(this.url(), Q.register, { i: input }) } : await this.op('register', Q.register, { i: input });
    if (reg.kind !== 'ok') return;
    const orgId = reg.data.register.user.organization.id as string;
    const token = reg.data.register.accessToken as string;
    this.ledger.registered.push({ email: input.email, uscc: input.organization.uscc, orgId });
    // Match requests need a verified requester (issue 24): the AUTHORITY verifies each new firm.
    if (setUp) await must(this.url(), Q.verify, { id: orgId }, this.authority);
    else if ((await this.op('verifyOrganization', Q.verify, { id: orgId }, this.authority)).kind !== 'ok') return;
    const prof = await this.op('upsertEnterpriseProfile', Q.profile, { i: profileInput() }, token);
    if (prof.kind !== 'ok') return;
    this.ledger.profileVersions.set(orgId, prof.data.upsertEnterpriseProfile.version);
    this.enterprises.push({ token, orgId });
  }

  async publishListing(setUp = false): Promise<void> {
    const p = pick(this.providers);
    const input = serviceOfferingInput({ regionCodes: ['330281'], industryCodes: ['C34'], tags: ['故障测试', pick(['数字化', '知识产权', '融资'])] });
    const c = setUp ? { kind: 'ok' as const, data: await must(this.url(), Q.create, { i: input }, p.token) } : await this.op('createServiceOffering', Q.create, { i: input }, p.token);
    if (c.kind !== 'ok') return;
    const id = c.data.createServiceOffering.id as string;
    this.ledger.created.add(id);
    const pub = await this.op('publishListing', Q.publish, { id }, p.token);
    if (pub.kind !== 'ok') return;
    this.ledger.published.add(id);
    this.listings.push(id);
  }

  async requestMatch(): Promise<void> {
    if (!this.enterprises.length || !this.listings.length) return;
    const e = pick(this.enterprises);
    const l = pick(this.listings);
    // One open request per (listing, enterprise) is a business rule; the stream never repeats a pair.
    if (this.pairs.has(`${e.orgId}/${l}`)) return;
    this.pairs.add(`${e.orgId}/${l}`);
    const r = await this.op('requestMatch', Q.requestMatch, { i: { listingId: l, shareProfile: true, message: '故障测试：申请对接' } }, e.token);
    if (r.kind === 'ok') this.ledger.matchRequests.add(r.data.requestMatch.id);
  }

  /** An AUTHORITY import of `firms` new enterprises (one financial year each, to fit the 1 MB body). */
  async importFirms(firms: number): Promise<ImportAttempt> {
    const attempt = enterpriseCsv(firms);
    this.ledger.imports.push(attempt);
    const out = await this.op('importEnterprises', Q.import, { i: { filename: 'faults.csv', contentBase64: Buffer.from(attempt.csv).toString('base64') } }, this.authority);
    attempt.outcome = out.kind;
    return attempt;
  }

  /** Runs an import file again (the documented recovery after an interrupted import). */
  async rerunImport(attempt: ImportAttempt): Promise<Outcome> {
    return call(this.url(), Q.import, { i: { filename: 'faults.csv', contentBase64: Buffer.from(attempt.csv).toString('base64') } }, this.authority, 300_000);
  }

  async read(): Promise<void> {
    const token = pick(this.enterprises.length ? this.enterprises : this.providers).token;
    if (Math.random() < 0.5) await this.op('search', Q.search, { i: { query: pick(['申报辅导', '知识产权', '']), first: 10 } }, token);
    else await this.op('listings', Q.listings, {}, token);
  }

  /** One step of the mixed stream. */
  async step(mix: { writes: number } = { writes: 0.6 }): Promise<void> {
    if (Math.random() >= mix.writes) return this.read();
    const r = Math.random();
    if (r < 0.35) return this.registerEnterprise();
    if (r < 0.65) return this.publishListing();
    if (r < 0.95) return this.requestMatch();
    await this.importFirms(20);
  }

  /**
   * `clients` loops running `step` until `stop()` says so. A loop that sees a connection error or
   * an error answer backs off briefly (as a client would) so a dead server is not hammered in a tight loop.
   */
  stream(clients: number, stop: () => boolean, mix?: { writes: number }): Promise<void> {
    const loop = async () => {
      while (!stop()) {
        const before = this.tally.errorCount();
        await this.step(mix);
        if (this.tally.errorCount() > before) await new Promise((r) => setTimeout(r, 100));
      }
    };
    return Promise.all(Array.from({ length: clients }, loop)).then(() => undefined);
  }
}

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function registration(kind: 'ENTERPRISE' | 'SERVICE_PROVIDER', t: string) {
  return {
    email: `fault-${t.toLowerCase()}@faults.test`,
    password: 'fault-password-1',
    displayName: `故障 ${t}`,
    organization: { kind, name: `余姚市故障${t}${kind === 'ENTERPRISE' ? '精密制造有限公司' : '企业服务有限公司'}`, uscc: makeUscc('91', '330281', t), regionCode: '330281' },
  };
}

const HEADER = '统一社会信用代码,企业名称,行政区划代码,行业代码,梯度,认定日期,成立日期,主营起始日期,主导产品,核心技术,发明专利,实用新型,外观设计,软件著作权,商标,年度,营业收入,主营业务收入,研发费用,净利润,资产总额,负债总额,从业人数,研发人数';

/** A CSV of `firms` new enterprises in the importer's format (docs/samples/enterprises-sample.csv). */
export function enterpriseCsv(firms: number): ImportAttempt {
  const year = new Date().getUTCFullYear() - 1;
  const usccs: string[] = [];
  const rows = [HEADER];
  for (let i = 0; i < firms; i++) {
    const t = tag();
    const uscc = makeUscc('91', '330281', t);
    usccs.push(uscc);
    const revenue = 20_000_000 + (i % 50) * 1_000_000;
    rows.push(
      `${uscc},余姚市导入${t}精密机械有限公司,330281,C3484,,,2012-03-01,2013-01-01,精密齿轮减速机,精密齿轮加工,${1 + (i % 4)},8,1,2,3,${year},${revenue},${Math.round(revenue * 0.9)},${Math.round(revenue * 0.05)},${Math.round(revenue * 0.08)},50000000,20000000,120,24`,
    );
  }
  return { usccs, csv: rows.join('\n') + '\n' };
}
