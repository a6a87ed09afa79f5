/**
 * A realistic, seeded population for matching benchmarks and tests, inserted in bulk with SQL
 * (multi-row INSERT … SELECT FROM unnest, 5,000 rows a statement), never through GraphQL:
 *  - enterprises in Zhejiang districts (60 % in 宁波's), GB/T 4754 manufacturing and software
 *    classes, a tier mix (45 % none … 1 % 重点小巨人), three financial years, patents by tier,
 *    financing needs (60 %), 1–3 service needs, space needs (25 %), and for half of them a latest
 *    创新型 assessment (MIIT-2022) with unmet criteria (the service gaps);
 *  - published listings of the four kinds mixed (35 % services, 25 % credit products, 15 % 揭榜
 *    challenges, 25 % park vacancies), texts and terms from the demo listings, regions from the
 *    whole province down to one district, credit products with eligibility rules (tiers, revenue,
 *    invention patents, years, debt ratio), vacancies in parks with leading industries.
 */
import { addDays, demoListings } from '../../apps/api/src/demo/demo-listings.js';
import { REGION_CODES } from '../../libs/codes/src/region-codes.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { SERVICE_CATEGORIES } from '../../libs/enterprises/src/enterprise-tier.js';
import { rng } from '../helpers/seeded-random.js';

type Queryable = { query(sql: string, params?: unknown[]): Promise<unknown> };
type Rand = () => number;

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const some = <T>(r: Rand, xs: readonly T[], lo: number, hi: number): T[] => {
  const n = int(r, lo, hi);
  const out = new Set<T>();
  while (out.size < Math.min(n, xs.length)) out.add(pick(r, xs));
  return [...out];
};
const uuid = (r: Rand) => {
  const hex = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const DISTRICTS = [...REGION_CODES.keys()].filter((c) => c.startsWith('33') && !c.endsWith('00'));
const NINGBO = DISTRICTS.filter((c) => c.startsWith('3302'));
const CITIES = [...REGION_CODES.keys()].filter((c) => c.startsWith('33') && c.endsWith('00') && c !== '330000');
const cityOf = (d: string) => `${d.slice(0, 4)}00`;
const districtsOf = (city: string) => DISTRICTS.filter((d) => d.startsWith(city.slice(0, 4)));

/** GB/T 4754-2017 classes common among Zhejiang 专精特新 firms, with what they make. */
const INDUSTRIES: Array<[string, string[], string]> = [
  ['C3484', ['精密齿轮减速机', '谐波减速器'], '精密齿轮加工与热处理，机器人关节减速器'],
  ['C3481', ['滚动轴承', '精密轴承'], '轴承套圈磨削与超精加工，低噪音轴承'],
  ['C3511', ['矿山机械', '破碎设备'], '大型破碎机设计与耐磨材料应用'],
  ['C3517', ['注塑模具', '精密模具'], '精密注塑模具设计制造，模流分析与热流道'],
  ['C3670', ['汽车零部件', '制动系统部件'], '汽车底盘零部件精密冲压与焊接'],
  ['C3660', ['新能源汽车电驱', '电机控制器'], '电驱动总成与电机控制算法'],
  ['C3971', ['电子元件', '片式电容'], '片式元件薄膜工艺与自动化检测'],
  ['C3982', ['电子电路', '柔性线路板'], '柔性电路板精细线路与激光钻孔'],
  ['C3841', ['锂离子电池', '储能电池'], '锂电池电芯设计与电池管理系统'],
  ['C3891', ['电池', '电源模块'], '电源模块设计与热管理'],
  ['C4011', ['工业自动控制系统', 'PLC'], '工业控制器与现场总线通信、机器视觉'],
  ['C4014', ['实验分析仪器', '光谱仪'], '光学检测与光谱分析仪器'],
  ['C3311', ['金属结构', '钢结构件'], '钢结构设计与焊接机器人应用'],
  ['C3399', ['精密铸件', '压铸件'], '精密压铸与真空熔炼工艺'],
  ['C2927', ['日用塑料制品', '改性塑料'], '改性塑料配方与注塑成型'],
  ['C2641', ['涂料', '水性涂料'], '水性涂料配方与低VOC工艺'],
  ['C2669', ['电子化学品', '专用化学品'], '高纯电子化学品提纯与分析检测'],
  ['C2710', ['原料药', '医药中间体'], '手性合成与连续流反应工艺'],
  ['C3572', ['医疗器械', '诊断设备'], '医学影像与体外诊断设备研发'],
  ['C3832', ['光纤光缆', '光通信器件'], '光纤预制棒与光器件封装'],
  ['C3874', ['LED照明', '智能照明'], '智能照明控制与光学设计'],
  ['C3489', ['液压件', '气动元件'], '液压阀设计与精密加工'],
  ['C3922', ['通信设备', '5G模块'], '射频电路与通信协议栈开发'],
  ['I6513', ['工业软件', 'MES系统'], '制造执行系统与工业数据平台开发'],
  ['I6511', ['嵌入式软件', '物联网平台'], '嵌入式操作系统与设备联网'],
  ['M7320', ['工程技术研发', '检测服务'], '新材料工程化研究与中试'],
];
const DIVISIONS = [...new Set(INDUSTRIES.map(([c]) => c.slice(0, 3)))];
const TIERS: Array<[string, number]> = [
  ['NONE', 0.45],
  ['INNOVATIVE_SME', 0.3],
  ['SPECIALIZED_SME', 0.18],
  ['LITTLE_GIANT', 0.06],
  ['KEY_LITTLE_GIANT', 0.01],
];
const GAP_CRITERIA = [
  { code: 'A1.IP', label: '与主导产品相关的有效知识产权' },
  { code: 'A1.RD_RATIO', label: '上年度研发费用占营业收入比重' },
  { code: 'A1.GROWTH', label: '上年度主营业务收入增长率' },
  { code: 'A1.DEBT', label: '上年度资产负债率' },
  { code: 'A1.MAIN_SHARE', label: '上年度主营业务收入占营业收入比重' },
];

function weighted<T>(r: Rand, xs: Array<[T, number]>): T {
  let x = r();
  for (const [v, w] of xs) if ((x -= w) < 0) return v;
  return xs[xs.length - 1]![0];
}

/** A firm's district: 60 % in 宁波, the rest anywhere in Zhejiang. */
const firmDistrict = (r: Rand) => (r() < 0.6 ? pick(r, NINGBO) : pick(r, DISTRICTS));

/** Where a listing serves: the province, a city (as the code or all its districts), or 1–2 districts. */
function listingRegions(r: Rand, shares: { province: number; city: number; anywhere: number }): string[] {
  const x = r();
  if (x < shares.anywhere) return [];
  if (x < shares.anywhere + shares.province) return ['330000'];
  const city = r() < 0.6 ? '330200' : pick(r, CITIES);
  if (x < shares.anywhere + shares.province + shares.city) return r() < 0.5 ? [city] : districtsOf(city);
  return some(r, districtsOf(city), 1, 2);
}

async function insert(q: Queryable, table: string, columns: Array<[string, string]>, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000) {
    const chunk = rows.slice(i, i + 5_000);
    const params = columns.map((_, c) => chunk.map((row) => row[c]));
    // Array-typed columns travel as text literals and are cast per row (unnest cannot take arrays of arrays).
    const select = columns.map(([, type], c) => (type.endsWith('[]') ? `c${c}::${type}` : `c${c}`)).join(', ');
    const unnest = columns.map(([, type], c) => `$${c + 1}::${type.endsWith('[]') ? 'text' : type}[]`).join(', ');
    await q.query(`INSERT INTO ${table} (${columns.map(([n]) => n).join(', ')}) SELECT ${select} FROM unnest(${unnest}) AS x(${columns.map((_, c) => `c${c}`).join(', ')})`, params);
  }
}
const arr = (xs: readonly (string | number)[]) => `{${xs.map((x) => `"${String(x).replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;

export interface MatchingData {
  enterpriseIds: string[];
  listingIds: string[];
  byKind: Record<string, string[]>;
}

/** Inserts `enterprises` firms and `listings` published listings (plus their owners and parks). */
export async function seedMatchingData(q: Queryable, opts: { enterprises: number; listings: number; today: string; seed?: number; tag?: string }): Promise<MatchingData> {
  const r = rng(opts.seed ?? 20261121);
  const tag = (opts.tag ?? 'MB').toUpperCase();
  const demo = demoListings(opts.today);
  const year = Number(opts.today.slice(0, 4));
  // Organization-code bodies: the tag's letters (none of I, O, Z, S, V) and a serial number.
  if (!/^[A-HJ-NPQRTUWXY]{1,2}$/.test(tag)) throw new RangeError(`tag must be 1–2 letters other than I, O, Z, S, V: ${tag}`);
  let usccSeq = 0;
  const uscc = (region: string) => makeUscc('91', region, tag + String(usccSeq++).padStart(8 - tag.length, '0'));
  const orgs: unknown[][] = [];
  const profiles: unknown[][] = [];
  const financials: unknown[][] = [];
  const assessments: unknown[][] = [];
  const enterpriseIds: string[] = [];
  for (let i = 0; i < opts.enterprises; i++) {
    const id = uuid(r);
    const district = firmDistrict(r);
    const [industry, products, capability] = pick(r, INDUSTRIES);
    const tier = weighted(r, TIERS);
    const rank = TIERS.findIndex(([t]) => t === tier);
    const foundedYear = int(r, 1995, year - 2);
    const founded = `${foundedYear}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`;
    const patents = Math.max(0, Math.round(rank * 3 + (r() - 0.3) * 6 * (rank + 1)));
    const revenue = Math.round(5_000_000 * Math.exp(r() * 3 + rank * 0.6));
    const spaceCity = r() < 0.7 ? cityOf(district) : pick(r, CITIES);
    orgs.push([id, 'ENTERPRISE', `${tag}测试企业${i}有限公司`, uscc(district), district, true]);
    profiles.push([
      id,
      industry,
      tier,
      tier === 'NONE' ? null : `${int(r, year - 3, year - 1)}-03-01`,
      // Titles come from the bureau's list (DOMAIN.md §8.10), so they count in eligibility.
      tier === 'NONE' ? null : 'IMPORTED',
      founded,
      founded,
      arr(products),
      capability,
      patents,
      int(r, 0, 30),
      int(r, 0, 5),
      int(r, 0, 12),
      int(r, 0, 8),
      r() < 0.6 ? JSON.stringify({ amount: int(r, 10, 500) * 100_000, termMonths: pick(r, [6, 12, 24, 36]), purpose: '购置设备与补充流动资金' }) : null,
      arr(some(r, SERVICE_CATEGORIES, 1, 3)),
      r() < 0.25
        ? JSON.stringify(
            ((min: number) => ({
              minAreaSqm: min,
              maxAreaSqm: Math.round(min * (1.5 + r() * 1.5)),
              regionCodes: r() < 0.5 ? [spaceCity] : some(r, districtsOf(spaceCity), 1, 3),
              maxRentPerSqmDay: r() < 0.7 ? Math.round((0.6 + r() * 1.4) * 10) / 10 : null,
            }))(int(r, 3, 30) * 100),
          )
        : null,
    ]);
    for (let y = 1; y <= 3; y++) {
      const rev = Math.round(revenue / Math.pow(1.12, y - 1));
      const assets = Math.round(rev * (0.8 + r()));
      financials.push([id, year - y, rev, Math.round(rev * 0.9), Math.round(rev * (0.02 + r() * 0.06)), Math.round(assets * (0.2 + r() * 0.6)), assets, int(r, 20, 800), int(r, 3, 80), r() < 0.1 ? int(r, 1, 50) * 1_000_000 : 0]);
    }
    if (r() < 0.5) {
      const unmet = some(r, GAP_CRITERIA, 0, 3);
      const criteria = GAP_CRITERIA.map((c) => ({ ...c, status: unmet.includes(c) ? 'UNMET' : 'MET' }));
      assessments.push([id, 'INNOVATIVE_SME', 'MIIT-2022', '1.0.0', 'bench', 1, opts.today, unmet.length === 0, unmet.length === 0 ? 'ELIGIBLE' : 'NOT_ELIGIBLE', JSON.stringify(criteria)]);
    }
    enterpriseIds.push(id);
  }

  // Owners: one per ~50 listings of their kind; one park per ~15 vacancies.
  const counts = { SERVICE_OFFERING: Math.round(opts.listings * 0.35), CREDIT_PRODUCT: Math.round(opts.listings * 0.25), CHALLENGE: Math.round(opts.listings * 0.15) };
  const kinds = { ...counts, PARK_VACANCY: opts.listings - counts.SERVICE_OFFERING - counts.CREDIT_PRODUCT - counts.CHALLENGE };
  const ownerKind = { SERVICE_OFFERING: 'SERVICE_PROVIDER', CREDIT_PRODUCT: 'BANK', CHALLENGE: 'ANCHOR_ENTERPRISE', PARK_VACANCY: 'PARK_OPERATOR' } as const;
  const owners: Record<string, string[]> = {};
  for (const [kind, n] of Object.entries(kinds)) {
    owners[kind] = Array.from({ length: Math.max(1, Math.ceil(n / 50)) }, (_, i) => {
      const id = uuid(r);
      const region = firmDistrict(r);
      orgs.push([id, ownerKind[kind as keyof typeof ownerKind], `${tag}测试${ownerKind[kind as keyof typeof ownerKind]}${i}`, uscc(region), region, true]);
      return id;
    });
  }
  const parks: unknown[][] = [];
  const parkInfo: Array<{ id: string; region: string }> = [];
  const parkTemplate = demo.parks[0]!.input;
  for (let i = 0; i < Math.max(1, Math.ceil(kinds.PARK_VACANCY / 15)); i++) {
    const id = uuid(r);
    const region = firmDistrict(r);
    parks.push([id, pick(r, owners.PARK_VACANCY!), `${parkTemplate.name}${tag}${i}`, region, int(r, 3, 5), arr(some(r, DIVISIONS, 1, 3)), parkTemplate.address]);
    parkInfo.push({ id, region });
  }

  const listings: unknown[][] = [];
  const details: Record<string, unknown[][]> = { SERVICE_OFFERING: [], CREDIT_PRODUCT: [], CHALLENGE: [], PARK_VACANCY: [] };
  const byKind: Record<string, string[]> = { SERVICE_OFFERING: [], CREDIT_PRODUCT: [], CHALLENGE: [], PARK_VACANCY: [] };
  const order = Object.entries(kinds).flatMap(([k, n]) => Array.from({ length: n }, () => k));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const vacancyTemplates = demo.parks.flatMap((p) => p.vacancies.map((v) => v.input));
  for (const [n, kind] of order.entries()) {
    const id = uuid(r);
    const owner = pick(r, owners[kind]!);
    let common: { title: string; description: string; regions: string[]; industries: string[]; tags: string[] };
    switch (kind) {
      case 'SERVICE_OFFERING': {
        const t = pick(r, demo.services).input;
        const category = pick(r, SERVICE_CATEGORIES);
        common = { title: `${t.title} ${n}`, description: t.description, regions: listingRegions(r, { anywhere: 0.1, province: 0.15, city: 0.45 }), industries: r() < 0.8 ? [] : some(r, DIVISIONS, 1, 3), tags: t.tags ?? [] };
        details.SERVICE_OFFERING!.push([id, category, r() < 0.5]);
        break;
      }
      case 'CREDIT_PRODUCT': {
        const t = pick(r, demo.credit).input;
        const tiers = r() < 0.5 ? [] : some(r, ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT'], 1, 4);
        const rate = Math.round((2.8 + r() * 2.5) * 100) / 100;
        common = { title: `${t.title} ${n}`, description: t.description, regions: listingRegions(r, { anywhere: 0, province: 0.2, city: 0.5 }), industries: r() < 0.7 ? [] : some(r, DIVISIONS, 1, 4), tags: t.tags ?? [] };
        details.CREDIT_PRODUCT!.push([
          id,
          t.productType,
          int(r, 1, 10) * 100_000,
          int(r, 5, 100) * 1_000_000,
          rate,
          Math.round((rate + r() * 1.2) * 100) / 100,
          pick(r, [12, 24, 36, 60]),
          arr(tiers),
          r() < 0.5 ? int(r, 5, 100) * 1_000_000 : null,
          t.productType === 'IP_PLEDGE' || r() < 0.3 ? int(r, 1, 5) : null,
          r() < 0.5 ? int(r, 1, 5) : null,
          r() < 0.5 ? Math.round((0.55 + r() * 0.2) * 100) / 100 : null,
        ]);
        break;
      }
      case 'CHALLENGE': {
        const t = pick(r, demo.challenges).input;
        common = { title: `${t.title} ${n}`, description: t.description, regions: listingRegions(r, { anywhere: 0.3, province: 0.3, city: 0.4 }), industries: some(r, [...DIVISIONS, ...INDUSTRIES.map(([c]) => c)], 1, 3), tags: t.tags ?? [] };
        details.CHALLENGE!.push([id, t.techField, t.requirements, t.budget, addDays(opts.today, int(r, 10, 120)), t.ipOwnership, arr(r() < 0.5 ? [] : some(r, ['SPECIALIZED_SME', 'LITTLE_GIANT', 'INNOVATIVE_SME'], 1, 2))]);
        break;
      }
      default: {
        const t = pick(r, vacancyTemplates);
        const park = pick(r, parkInfo);
        common = { title: `${t.title} ${n}`, description: t.description, regions: [park.region], industries: [], tags: t.tags ?? [] };
        details.PARK_VACANCY!.push([id, park.id, int(r, 2, 40) * 100, Math.round((0.5 + r() * 1.5) * 100) / 100, opts.today]);
      }
    }
    listings.push([id, kind, owner, 'PUBLISHED', common.title, common.description, arr(common.regions), arr(common.industries), arr(common.tags), 1, new Date()]);
    byKind[kind]!.push(id);
  }

  await insert(q, 'organizations', [['id', 'uuid'], ['kind', 'organization_kind'], ['name', 'text'], ['uscc', 'text'], ['region_code', 'text'], ['verified', 'boolean']], orgs);
  await insert(
    q,
    'enterprise_profiles',
    [
      ['organization_id', 'uuid'], ['industry_code', 'text'], ['tier', 'enterprise_tier'], ['tier_certified_on', 'date'], ['tier_provenance', 'title_provenance'], ['founded_on', 'date'],
      ['main_business_since', 'date'], ['main_products', 'text[]'], ['capabilities', 'text'], ['invention_patents', 'int'], ['utility_models', 'int'], ['design_patents', 'int'], ['software_copyrights', 'int'],
      ['trademarks', 'int'], ['financing_need', 'jsonb'], ['service_needs', 'text[]'], ['space_need', 'jsonb'],
    ],
    profiles,
  );
  await insert(
    q,
    'enterprise_financials',
    [['organization_id', 'uuid'], ['year', 'int'], ['revenue', 'bigint'], ['main_business_revenue', 'bigint'], ['rd_expense', 'bigint'], ['total_liabilities', 'bigint'], ['total_assets', 'bigint'], ['employees', 'int'], ['rd_employees', 'int'], ['equity_financing', 'bigint']],
    financials,
  );
  await insert(
    q,
    'tier_assessments',
    [['organization_id', 'uuid'], ['tier', 'text'], ['rule_set', 'text'], ['rule_set_version', 'text'], ['evaluator_version', 'text'], ['profile_version', 'int'], ['as_of', 'date'], ['eligible', 'boolean'], ['verdict', 'text'], ['criteria', 'jsonb']],
    assessments,
  );
  await insert(q, 'parks', [['id', 'uuid'], ['operator_organization_id', 'uuid'], ['name', 'text'], ['region_code', 'text'], ['star_rating', 'int'], ['industries', 'text[]'], ['address', 'text']], parks);
  await insert(
    q,
    'listings',
    [['id', 'uuid'], ['kind', 'listing_kind'], ['owner_organization_id', 'uuid'], ['status', 'listing_status'], ['title', 'text'], ['description', 'text'], ['region_codes', 'text[]'], ['industry_codes', 'text[]'], ['tags', 'text[]'], ['version', 'int'], ['published_at', 'timestamptz']],
    listings,
  );
  await insert(q, 'service_offerings', [['listing_id', 'uuid'], ['category', 'text'], ['accepts_service_voucher', 'boolean']], details.SERVICE_OFFERING!);
  await insert(
    q,
    'credit_products',
    [
      ['listing_id', 'uuid'], ['product_type', 'text'], ['amount_min', 'bigint'], ['amount_max', 'bigint'], ['annual_rate_min', 'float8'], ['annual_rate_max', 'float8'], ['term_months_max', 'int'],
      ['eligible_tiers', 'text[]'], ['min_annual_revenue', 'bigint'], ['min_invention_patents', 'int'], ['min_years_in_business', 'int'], ['max_debt_ratio', 'float8'],
    ],
    details.CREDIT_PRODUCT!,
  );
  await insert(q, 'challenges', [['listing_id', 'uuid'], ['tech_field', 'text'], ['requirements', 'text'], ['budget', 'bigint'], ['apply_by', 'date'], ['ip_ownership', 'text'], ['preferred_tiers', 'text[]']], details.CHALLENGE!);
  await insert(q, 'park_vacancies', [['listing_id', 'uuid'], ['park_id', 'uuid'], ['area_sqm', 'float8'], ['rent_per_sqm_day', 'float8'], ['available_from', 'date']], details.PARK_VACANCY!);
  await q.query('ANALYZE');
  return { enterpriseIds, listingIds: listings.map((l) => l[0] as string), byKind };
}
