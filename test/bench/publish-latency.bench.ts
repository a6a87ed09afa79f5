import type { StartedApp } from '../../apps/api/src/bootstrap.js';
import { inTransaction } from '../../libs/platform/src/database/data-source.js';
import { ListingService } from '../../libs/listings/src/listing.service.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { SEARCH_INDEX, type SearchIndex } from '../../libs/search/src/search-index.port.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';

/**
 * Publish-to-searchable through the real path: commit of publishListing → outbox NOTIFY → relay →
 * BullMQ → search-sync buffer → index. Measured until a search for the new title finds it.
 */
export async function publishToSearchable(app: StartedApp, count = 50): Promise<{ count: number; p50: number; p95: number; max: number }> {
  const ds = app.runtime.database.dataSource;
  const listings = app.app.get(ListingService);
  const index = app.app.get<SearchIndex>(SEARCH_INDEX);
  const org = await ds.getRepository(OrganizationEntity).save({
    kind: 'SERVICE_PROVIDER', name: '基准测试服务机构', uscc: makeUscc('91', '330281', `LAT${String(Date.now() % 100000).padStart(5, '0')}`), regionCode: '330281', verified: true,
  });
  const actor = { userId: org.id, organizationId: org.id, kind: 'SERVICE_PROVIDER' as const, verified: true };
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const title = `延迟测${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉'[Math.floor(i / 10) % 10]}号服务`;
    const draft = await inTransaction(ds, (m) =>
      listings.createServiceOffering(m, actor, { title, description: '基准测试用服务', regionCodes: [], industryCodes: [], tags: [], category: 'MANAGEMENT_CONSULTING', acceptsServiceVoucher: false }),
    );
    const t0 = performance.now();
    await inTransaction(ds, (m) => listings.publish(m, actor, draft.listing.id));
    for (;;) {
      const res = await index.search({ query: title, filters: {}, limit: 1, offset: 0 });
      if (res.hits[0]?.id === draft.listing.id) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { count, p50: times[Math.floor(count * 0.5)]!, p95: times[Math.floor(count * 0.95)]!, max: times[count - 1]! };
}
