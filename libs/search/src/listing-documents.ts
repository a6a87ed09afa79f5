import type { DataSource, EntityManager } from 'typeorm';
import type { SearchDocument, SearchListingKind } from './search-index.port.js';

/** Chinese words for enum values, so a search for 知识产权质押 finds an IP_PLEDGE product whatever its title says. */
const LABELS: Record<string, string> = {
  SERVICE_OFFERING: '服务',
  CREDIT_PRODUCT: '金融产品 融资 贷款',
  CHALLENGE: '揭榜 榜单 需求',
  PARK_VACANCY: '园区 房源 厂房',
  TECH_INNOVATION: '技术创新 研发',
  INTELLECTUAL_PROPERTY: '知识产权 专利 商标',
  DIGITAL_TRANSFORMATION: '数字化转型 智能制造',
  GREEN_LOW_CARBON: '绿色低碳 节能降碳',
  FINANCING_ADVISORY: '融资服务 投融资',
  MARKET_EXPANSION: '市场开拓',
  MANAGEMENT_CONSULTING: '管理咨询',
  INDUSTRY_MATCHING: '产业对接 产需对接',
  TALENT_TRAINING: '人才培训',
  LEGAL_TAX: '法律 财税',
  TESTING_CERTIFICATION: '检验检测 认证',
  POLICY_APPLICATION: '政策申报 项目申报',
  IP_PLEDGE: '知识产权质押融资',
  LOAN_INVESTMENT_LINKAGE: '贷投联动',
  CREDIT_LOAN: '信用贷',
  TALENT_LOAN: '人才贷',
  ORDER_FINANCING: '订单融资',
  SUPPLY_CHAIN: '供应链金融',
  TECH_REFINANCING: '科技创新再贷款 技术改造再贷款',
  PRODUCTION: '生产 厂房',
  RD: '研发 办公',
  WAREHOUSE: '仓储 仓库',
  OFFICE: '办公',
};

interface Row {
  id: string;
  kind: SearchListingKind;
  title: string;
  description: string;
  tags: string[];
  region_codes: string[];
  industry_codes: string[];
  published_at: Date | null;
  created_at: Date;
  version: number;
  owner_name: string;
  category: string | null;
  product_type: string | null;
  partner_investor: string | null;
  tech_field: string | null;
  requirements: string | null;
  indicators: string[] | null;
  park_name: string | null;
  park_address: string | null;
  use_class: string | null;
  area_sqm: number | null;
}

const SELECT = `
  SELECT l.id, l.kind, l.title, l.description, l.tags, l.region_codes, l.industry_codes, l.published_at, l.created_at, l.version,
         o.name AS owner_name, so.category, cp.product_type, cp.partner_investor, ch.tech_field, ch.requirements, ch.indicators,
         p.name AS park_name, p.address AS park_address, pv.use_class, pv.area_sqm
    FROM listings l
    JOIN organizations o ON o.id = l.owner_organization_id
    LEFT JOIN service_offerings so ON so.listing_id = l.id
    LEFT JOIN credit_products cp ON cp.listing_id = l.id
    LEFT JOIN challenges ch ON ch.listing_id = l.id
    LEFT JOIN park_vacancies pv ON pv.listing_id = l.id
    LEFT JOIN parks p ON p.id = pv.park_id`;

function toDocument(r: Row): SearchDocument {
  const label = (v: string | null) => (v ? (LABELS[v] ?? '') : '');
  const extra = [
    label(r.kind),
    label(r.category),
    label(r.product_type),
    label(r.use_class),
    r.partner_investor,
    r.tech_field,
    r.requirements,
    ...(r.indicators ?? []),
    r.park_name,
    r.park_address,
    r.area_sqm ? `${Math.round(r.area_sqm)}平 ${Math.round(r.area_sqm)}平方米` : null,
  ];
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    extraText: extra.filter(Boolean).join(' '),
    tags: r.tags,
    ownerName: r.owner_name,
    regionCodes: r.region_codes,
    industryCodes: r.industry_codes,
    serviceCategory: r.category,
    creditProductType: r.product_type,
    publishedAt: (r.published_at ?? r.created_at).getTime(),
    version: r.version,
  };
}

/** Current database state of the given listings: documents for the published ones, ids of the rest. */
export async function loadListingStates(dataSource: DataSource | EntityManager, ids: string[]): Promise<{ publish: SearchDocument[]; remove: string[] }> {
  if (ids.length === 0) return { publish: [], remove: [] };
  const rows: Array<Row & { status: string }> = await dataSource.query(`${SELECT.replace('SELECT l.id,', 'SELECT l.status, l.id,')} WHERE l.id = ANY($1::uuid[])`, [ids]);
  const publish = rows.filter((r) => r.status === 'PUBLISHED').map(toDocument);
  const published = new Set(publish.map((d) => d.id));
  return { publish, remove: ids.filter((id) => !published.has(id)) };
}

/** Every published listing as documents, in pages (rebuild and reconciliation). */
export async function* publishedDocuments(dataSource: DataSource, pageSize = 1_000): AsyncGenerator<SearchDocument[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Row[] = await dataSource.query(`${SELECT} WHERE l.status = 'PUBLISHED' AND l.id > $1 ORDER BY l.id LIMIT $2`, [after, pageSize]);
    if (rows.length === 0) return;
    yield rows.map(toDocument);
    after = rows[rows.length - 1]!.id;
  }
}
