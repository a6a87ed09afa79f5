import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ListingModel, PageInfoModel } from '../listings/listing.models.js';
import { asEnum } from '../graphql/enums.js';

export const SearchMatchLevelEnum = asEnum(['PHRASE', 'ALL_TERMS', 'MOST_TERMS'] as const);
registerEnumType(SearchMatchLevelEnum, {
  name: 'SearchMatchLevel',
  description: '命中方式，按排序先后 (how a hit matched, best first)',
  valuesMap: {
    PHRASE: { description: '原样包含搜索词（或其同义词），排在最前 (contains the query text as typed, or a synonym; always ranked first)' },
    ALL_TERMS: { description: '包含拆分出的全部词语，顺序不限，且在搜索词所提地区内 (contains every word the query was split into, in any order, within the place it named)' },
    MOST_TERMS: { description: '三个及以上词语中缺一个，缺的不是最少见的词 (all but one of three or more words, never the rarest one)' },
  },
});

@ObjectType('SearchHit', { description: '一条搜索命中 (one search hit)' })
export class SearchHitModel {
  @Field(() => ListingModel, { description: '命中的已发布信息 (the published listing)' }) listing: ListingModel;
  @Field(() => String, { nullable: true, description: '命中片段，搜索词以 <em>…</em> 标出 (matched text with the query terms marked <em>…</em>)' }) highlight: string | null;
  @Field(() => SearchMatchLevelEnum, { nullable: true, description: '命中方式；仅按筛选条件浏览时为空 (how it matched; null when browsing without text)' }) match: string | null;
}

@ObjectType('FacetCount', { description: '某一筛选维度上一个取值的命中数 (hits for one value of a facet)' })
export class FacetCountModel {
  @Field({ description: '维度：kind、regionCode、serviceCategory、creditProductType 或 industryCode (the facet)' }) field: string;
  @Field({ description: '取值，如 CREDIT_PRODUCT 或 330281 (the value)' }) value: string;
  @Field(() => Int, { description: '命中数 (hits with that value)' }) count: number;
}

@ObjectType('AppliedSearchFilter', {
  description: '从搜索词中识别出并已应用的筛选条件，如“余姚厂房”中的余姚 (a filter read from the query text, e.g. the place in 余姚厂房)',
})
export class AppliedSearchFilterModel {
  @Field({ description: '维度，目前为 regionCode (the filter dimension; regionCode for now)' }) field: string;
  @Field({ description: '取值，如行政区划代码 330281 (the value, e.g. region code 330281)' }) value: string;
  @Field({ description: '取值的名称，如 余姚市 (the value by name)' }) label: string;
  @Field({ description: '搜索词中对应的文字，如 余姚 (the query text it came from)' }) text: string;
}

@ObjectType('SearchResult', { description: '搜索结果 (search result)' })
export class SearchResultModel {
  @Field(() => Int, { description: '命中总数 (total hits)' }) total: number;
  @Field(() => [SearchHitModel], { description: '本页命中 (hits of this page)' }) hits: SearchHitModel[];
  @Field(() => [FacetCountModel], { description: '各筛选维度的命中数 (facet counts)' }) facets: FacetCountModel[];
  @Field(() => Int, { description: '其中原样包含搜索词的命中数（PHRASE）(of total, the hits that contain the query text as typed)' }) phraseTotal: number;
  @Field(() => [String], {
    description: '搜索词被拆分成的词语（已规范化，不含地名），如 专利贷款 → 专利、贷款；浏览时为空 (the words the query was read as, normalised, places excluded; empty when browsing)',
  })
  terms: string[];
  @Field(() => [AppliedSearchFilterModel], {
    description: '从搜索词中识别并应用的筛选条件：地名成为地区筛选（含下级地区及不限地区的信息），只作用于非 PHRASE 命中 (filters read from the query: a place becomes a region filter, with the nesting rules of regionCodes; it narrows the non-PHRASE hits only)',
  })
  appliedFilters: AppliedSearchFilterModel[];
  @Field(() => [String], {
    description: '没有命中时的纠错建议（按拼音与一字之差，从平台词表中找最接近的写法），最多 3 条，最接近的在前；有命中时为空 (when nothing matched: up to 3 corrected queries, nearest first, by pinyin and one changed character; empty otherwise)',
  })
  suggestions: string[];
}

@ObjectType('SearchHitEdge', { description: '搜索分页中的一项 (one hit of a page)' })
export class SearchHitEdgeModel {
  @Field({ description: '游标，传给 after 以取下一页 (cursor; pass to after for the next page)' }) cursor: string;
  @Field(() => SearchHitModel, { description: '命中 (the hit)' }) node: SearchHitModel;
}

@ObjectType('SearchConnection', { description: '搜索结果分页，最相关的在前，附分面统计 (a page of search hits, best first, with facets)' })
export class SearchConnectionModel {
  @Field(() => [SearchHitEdgeModel], { description: '本页命中 (hits of this page)' }) edges: SearchHitEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '命中总数，单位：条 (total hits)' }) totalCount: number;
  @Field(() => [FacetCountModel], { description: '各筛选维度的命中数 (facet counts)' }) facets: FacetCountModel[];
  @Field(() => Int, { description: '其中原样包含搜索词的命中数（PHRASE），单位：条 (of totalCount, the hits that contain the query text as typed)' }) phraseTotal: number;
  @Field(() => [String], { description: '搜索词被拆分成的词语，同 SearchResult.terms (the words the query was read as)' }) terms: string[];
  @Field(() => [AppliedSearchFilterModel], { description: '从搜索词中识别并应用的筛选条件，同 SearchResult.appliedFilters (filters read from the query)' }) appliedFilters: AppliedSearchFilterModel[];
  @Field(() => [String], { description: '没有命中时的纠错建议，同 SearchResult.suggestions (corrected queries when nothing matched)' }) suggestions: string[];
}
