/**
 * The world the load suite runs against, written straight into the server's database before the
 * server that is measured starts (its embedded search index is built from the listings at boot):
 * `seedMatchingData` firms and published listings of the four kinds, their match sets built by the
 * same rebuild the CLI runs, and a login for some of the firms (the "signed-in" enterprises).
 */
import { loadConfig } from '../../../libs/platform/src/config/config.js';
import { openDatabase } from '../../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../../apps/composition/src/database-schema.js';
import { todayInShanghai } from '../../../libs/platform/src/time/beijing-date.js';
import { hashPassword } from '../../../libs/identity/src/auth/password-hasher.js';
import { MatchSetService } from '../../../libs/matching/src/sets/match-set.service.js';
import { MatchMaintenanceService } from '../../../libs/matching/src/sets/match-maintenance.service.js';
import { financialsEnding, profileInput } from '../../helpers/profile-fixtures.js';
import { seedMatchingData } from '../matching-data.js';

export const LOAD_PASSWORD = 'load-bench-password-1';

export interface SignedInFirm {
  id: string;
  email: string;
  /** A valid EnterpriseProfileInput close to the seeded profile; the mutation varies needs per request. */
  profile: Record<string, unknown>;
}

export interface LoadWorld {
  enterprises: number;
  listings: number;
  matchRows: number;
  firms: SignedInFirm[];
  seedSeconds: number;
  rebuildSeconds: number;
}

interface ProfileRow {
  id: string;
  industry_code: string;
  tier: string;
  tier_certified_on: string | null;
  founded_on: string;
  main_products: string[];
  capabilities: string;
  invention_patents: number;
  utility_models: number;
  design_patents: number;
  software_copyrights: number;
  trademarks: number;
  financing_need: { amount: number; termMonths: number; purpose: string } | null;
  service_needs: string[];
  space_need: { minAreaSqm: number; maxAreaSqm: number; regionCodes: string[]; maxRentPerSqmDay: number | null } | null;
}

/** The seeded profile as upsertEnterpriseProfile input; dates clamped so the validation's date rules hold. */
function asInput(row: ProfileRow): Record<string, unknown> {
  const financials = financialsEnding();
  const earliestYear = financials[financials.length - 1]!.year;
  const foundedOn = row.founded_on < `${earliestYear}-01-01` ? row.founded_on : `${earliestYear - 1}-06-01`;
  const certified = row.tier === 'NONE' || !row.tier_certified_on ? null : row.tier_certified_on < foundedOn ? foundedOn : row.tier_certified_on;
  return profileInput({
    industryCode: row.industry_code,
    tier: row.tier,
    tierCertifiedOn: certified,
    foundedOn,
    mainBusinessSince: foundedOn,
    mainProducts: row.main_products,
    capabilities: row.capabilities,
    financials,
    ipAssets: { inventionPatents: row.invention_patents, utilityModels: row.utility_models, designPatents: row.design_patents, softwareCopyrights: row.software_copyrights, trademarks: row.trademarks },
    financingNeed: row.financing_need,
    serviceNeeds: row.service_needs,
    spaceNeed: row.space_need,
    tierFacts: undefined,
  });
}

/** Seeds `url` (migrating it first). Bounded: ~20–60 s at the defaults on two shared cores. */
export async function seedLoadWorld(url: string, opts: { enterprises: number; listings: number; signedIn: number }): Promise<LoadWorld> {
  const rt = await openDatabase(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent' }), DATABASE_SCHEMA, () => undefined, 'srdi-bench-load');
  try {
    const ds = rt.dataSource;
    const today = todayInShanghai();
    let t = performance.now();
    const data = await seedMatchingData(ds, { enterprises: opts.enterprises, listings: opts.listings, today, seed: 20261121, tag: 'LW' });
    const seedSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const rebuild = await new MatchMaintenanceService(new MatchSetService(ds), loadConfig(process.env)).rebuildAll(today);
    const rebuildSeconds = (performance.now() - t) / 1000;

    const ids = data.enterpriseIds.slice(0, opts.signedIn);
    const emails = ids.map((_, i) => `load-${i}@bench.srdi.example`);
    await ds.query(
      `INSERT INTO users (email, password_hash, display_name, organization_id) SELECT e, $2, '负载测试', o FROM unnest($1::text[], $3::uuid[]) AS x(e, o)`,
      [emails, await hashPassword(LOAD_PASSWORD), ids],
    );
    const rows: ProfileRow[] = await ds.query(
      `SELECT organization_id AS id, industry_code, tier, to_char(tier_certified_on, 'YYYY-MM-DD') AS tier_certified_on, to_char(founded_on, 'YYYY-MM-DD') AS founded_on,
              main_products, capabilities, invention_patents, utility_models, design_patents, software_copyrights, trademarks, financing_need, service_needs, space_need
         FROM enterprise_profiles WHERE organization_id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      enterprises: opts.enterprises,
      listings: opts.listings,
      matchRows: rebuild.stored,
      firms: ids.map((id, i) => ({ id, email: emails[i]!, profile: asInput(byId.get(id)!) })),
      seedSeconds,
      rebuildSeconds,
    };
  } finally {
    await rt.close();
  }
}
