import type { DataSource, EntityManager } from 'typeorm';
import type { ChallengeEntity, CreditProductEntity, ParkVacancyEntity, ServiceOfferingEntity } from '../../listings/src/index.js';
import { loadListingRows, type ListingRow } from '../../listings/src/index.js';
import type { SearchDocument, SearchListingKind } from './search-index.port.js';
import { LABELS } from './labels.js';

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
