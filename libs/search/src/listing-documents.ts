import type { DataSource, EntityManager } from 'typeorm';
import type { ChallengeEntity, CreditProductEntity, ParkVacancyEntity, ServiceOfferingEntity } from '../../listings/src/index.js';
import { loadListingRows, type ListingRow } from '../../listings/src/index.js';
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

function toDocument({ listing: l, details, ownerName, park }: ListingRow): SearchDocument {
  // Absent fields of other kinds read as null, as the outer joins gave them.
  const d = (details ?? {}) as Partial<ServiceOfferingEntity & CreditProductEntity & ChallengeEntity & ParkVacancyEntity>;
  const label = (v: string | null | undefined) => (v ? (LABELS[v] ?? '') : '');
  const extra = [
    label(l.kind),
    label(d.category),
    label(d.productType),
    label(d.useClass),
    d.partnerInvestor,
    d.techField,
    d.requirements,
    ...(d.indicators ?? []),
    park?.name,
    park?.address,
    d.areaSqm ? `${Math.round(d.areaSqm)}平 ${Math.round(d.areaSqm)}平方米` : null,
  ];
  return {
    id: l.id,
    kind: l.kind as SearchListingKind,
    title: l.title,
    description: l.description,
    extraText: extra.filter(Boolean).join(' '),
    tags: l.tags,
    ownerName,
    regionCodes: l.regionCodes,
    industryCodes: l.industryCodes,
    serviceCategory: d.category ?? null,
    creditProductType: d.productType ?? null,
    publishedAt: (l.publishedAt ?? l.createdAt).getTime(),
    version: l.version,
  };
}

/** Current database state of the given listings: documents for the published ones, ids of the rest. */
export async function loadListingStates(dataSource: DataSource | EntityManager, ids: string[]): Promise<{ publish: SearchDocument[]; remove: string[] }> {
  if (ids.length === 0) return { publish: [], remove: [] };
  const rows = await loadListingRows(dataSource, { ids });
  const publish = rows.filter((r) => r.listing.status === 'PUBLISHED').map(toDocument);
  const published = new Set(publish.map((d) => d.id));
  return { publish, remove: ids.filter((id) => !published.has(id)) };
}

/** Every published listing as documents, in pages (rebuild and reconciliation). */
export async function* publishedDocuments(dataSource: DataSource, pageSize = 1_000): AsyncGenerator<SearchDocument[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await loadListingRows(dataSource, { published: true, afterId: after, limit: pageSize });
    if (rows.length === 0) return;
    yield rows.map(toDocument);
    after = rows[rows.length - 1]!.listing.id;
  }
}
