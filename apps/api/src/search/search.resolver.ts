import { Inject } from '@nestjs/common';
import { checkPageSize, AppError, badInput, MAX_RANKED_OFFSET, offsetAfter, offsetCursor, RUNTIME } from '../../../../libs/platform/src/index.js';
import { Args, Context, Info, Int, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { describeRegionCodeProblem } from '../../../../libs/identity/src/index.js';
import { industryPrefixProblem, ListingService, type ListingReadShape } from '../../../../libs/listings/src/index.js';
import {
  SEARCH_INDEX,
  type SearchIndex,
  type SearchListingKind,
  type SearchResponse,
  SearchReadiness,
} from '../../../../libs/search/src/index.js';
import type { RequestContext } from '../graphql/request-context.js';
import type { Runtime } from '../../../../libs/platform/src/index.js';
import { nestedShape, toListingModelFromRow } from '../listings/listing-selection.js';
import type { ListingModel } from '../listings/listing.models.js';
import { SearchConnectionModel, SearchResultModel } from './search.models.js';
import { SearchInput } from './search.inputs.js';

/** Longest query accepted; longer text is not a search but a paste. */
export const MAX_QUERY_LENGTH = 100;

function unavailable(): AppError {
  return new AppError('SERVICE_UNAVAILABLE', '搜索服务暂不可用，请稍后重试；其他功能不受影响 (search engine unavailable; try again shortly)');
}

@Resolver(() => SearchResultModel)
export class SearchResolver {
  constructor(
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    private readonly readiness: SearchReadiness,
    private readonly listings: ListingService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Query(() => SearchResultModel, {
    description: '按搜索词和筛选条件搜索已发布信息，附分面统计与高亮；搜索服务不可用时返回 SERVICE_UNAVAILABLE (published listings matching the text and filters, with facets and highlights)',
    deprecationReason: '请使用 searchConnection（Relay 分页：first/after，含 totalCount 和 pageInfo）(use searchConnection)',
  })
  async search(@Args('input', { description: '搜索条件 (the search)' }) input: SearchInput, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<SearchResultModel> {
    const first = input.first ?? 20;
    const offset = input.offset ?? 0;
    checkPageSize(first, 'input.first');
    if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw badInput('offset 需在 0–10000 之间 (offset must be 0–10000)', 'input.offset');
    const { result } = await this.run(input, ctx, first, offset, nestedShape(info, ['hits', 'listing']));
    return result;
  }

  @Query(() => SearchConnectionModel, {
    description:
      '按搜索词和筛选条件搜索已发布信息（Relay 分页），附分面统计与高亮；最相关的在前，最多翻到第 10000 条；搜索服务不可用时返回 SERVICE_UNAVAILABLE ' +
      '(a Relay page of published listings matching the text and filters, best first, with facets and highlights)',
  })
  async searchConnection(
    @Args('input', { description: '搜索条件；分页用本查询的 first 和 after，input.first 与 input.offset 须不填 (the search; page with first/after, leave input.first and input.offset out)' }) input: SearchInput,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '每页条数，1–100，默认 20 (page size, 1–100, default 20)' }) first = 20,
    @Args('after', { type: () => String, nullable: true, description: '上一页的 endCursor (the previous page’s endCursor)' }) after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<SearchConnectionModel> {
    for (const k of ['first', 'offset'] as const) {
      if (input[k] != null) throw badInput(`searchConnection 用查询参数 first 和 after 分页，请去掉 input.${k} (page with the first and after arguments)`, `input.${k}`);
    }
    checkPageSize(first ?? 20);
    const offset = offsetAfter(after);
    const { result, positions, returned } = await this.run(input, ctx, first ?? 20, offset, nestedShape(info!, ['edges', 'node', 'listing']));
    const { hits, total, ...rest } = result;
    const edges = hits.map((node, i) => ({ cursor: offsetCursor(offset + positions[i]!), node }));
    // Positions count the engine's hits, the unpublished ones dropped from this page included.
    const seen = offset + returned;
    const engineTotal = total + (returned - hits.length);
    return {
      ...rest,
      edges,
      totalCount: total,
      pageInfo: { hasNextPage: seen < engineTotal && seen < MAX_RANKED_OFFSET, endCursor: returned ? offsetCursor(seen - 1) : null },
    };
  }

  /** One search: the result, each kept hit's position in the engine's page, and how many hits the engine returned. */
  private async run(
    input: SearchInput,
    ctx: RequestContext,
    first: number,
    offset: number,
    shape: Omit<ListingReadShape, 'totalCount'>,
  ): Promise<{ result: SearchResultModel; positions: number[]; returned: number }> {
    const actor = ctx.requireActor();
    const query = input.query.replace(/\s+/g, ' ').trim();
    if (Array.from(query).length > MAX_QUERY_LENGTH) {
      throw badInput(`搜索词最多 ${MAX_QUERY_LENGTH} 个字，请缩短 (query longer than ${MAX_QUERY_LENGTH} characters)`, 'input.query');
    }
    (input.regionCodes ?? []).forEach((code, i) => {
      const problem = describeRegionCodeProblem(code);
      if (problem) throw badInput(problem, `input.regionCodes[${i}]`);
    });
    const industryCodes = (input.industryCodes ?? []).map((c) => c.trim().toUpperCase());
    industryCodes.forEach((code, i) => {
      const problem = industryPrefixProblem(code);
      if (problem) throw badInput(problem, `input.industryCodes[${i}]`);
    });
    if (!this.readiness.ready) throw unavailable();

    let response: SearchResponse;
    try {
      response = await this.index.search({
        query,
        filters: {
          kinds: (input.kinds ?? undefined) as SearchListingKind[] | undefined,
          regionCodes: input.regionCodes ?? undefined,
          industryCodes: industryCodes.length ? industryCodes : undefined,
          serviceCategories: input.serviceCategories ?? undefined,
          creditProductTypes: input.creditProductTypes ?? undefined,
        },
        limit: first,
        offset,
      });
    } catch (err) {
      this.runtime.logger.error(`search failed: ${(err as Error).message}`);
      throw unavailable();
    }
    // The database decides: a hit the index still holds but that is no longer published is dropped.
    // Only the columns the selection asks for, in one statement (ADR 0040).
    const rows = response.hits.length ? await this.listings.readPublished(actor, response.hits.map((h) => h.id), shape) : [];
    const published = new Map<string, ListingModel>();
    for (const row of rows) {
      const model = toListingModelFromRow(row);
      if (model) published.set(model.id, model);
    }
    const positions = response.hits.flatMap((h, i) => (published.has(h.id) ? [i] : []));
    const hits = response.hits.filter((h) => published.has(h.id)).map((h) => ({ listing: published.get(h.id)!, highlight: h.highlight, match: h.match ?? null }));
    const dropped = response.hits.length - hits.length;
    const droppedPhrase = response.hits.filter((h) => !published.has(h.id) && (h.match ?? 'PHRASE') === 'PHRASE').length;
    const result = {
      total: Math.max(0, response.total - dropped),
      hits,
      facets: response.facets,
      phraseTotal: Math.max(0, response.phraseTotal - droppedPhrase),
      terms: response.reading?.terms ?? [],
      appliedFilters: (response.reading?.regions ?? []).map((r) => ({ field: 'regionCode', value: r.code, label: r.name, text: r.text })),
      suggestions: response.suggestions ?? [],
    };
    return { result, positions, returned: response.hits.length };
  }
}
