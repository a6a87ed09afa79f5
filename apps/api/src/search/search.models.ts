import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { CreditProductTypeEnum, ListingKindEnum, ListingModel } from '../listings/listing.models.js';
import { ServiceCategoryEnum } from '../enterprises/enterprise.models.js';

@InputType('SearchInput', { description: '全文搜索条件；各筛选条件同时满足 (full-text search; all filters apply)' })
export class SearchInput {
  @Field({ description: '搜索词，中文或英文，最多 100 个字；可为空，仅按筛选条件浏览 (free text, at most 100 characters; may be empty to browse by filters)' }) query: string;
  @Field(() => [ListingKindEnum], { nullable: true, description: '只搜这些类别 (only these kinds)' }) kinds?: string[] | null;
  @Field(() => [String], { nullable: true, description: '6 位行政区划代码 (region codes)' }) regionCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: '行业代码前缀（GB/T 4754，如 C 或 C34）(industry code prefixes)' }) industryCodes?: string[] | null;
  @Field(() => [ServiceCategoryEnum], { nullable: true, description: '只搜这些服务类别 (only these service categories)' }) serviceCategories?: string[] | null;
  @Field(() => [CreditProductTypeEnum], { nullable: true, description: '只搜这些金融产品类型 (only these credit product types)' }) creditProductTypes?: string[] | null;
  @Field(() => Int, { nullable: true, description: '返回条数，1–100，默认 20 (how many hits, 1..100, default 20)' }) first?: number | null;
  @Field(() => Int, { nullable: true, description: '跳过的条数，0–10000，默认 0 (hits to skip, 0..10000, default 0)' }) offset?: number | null;
}

@ObjectType('SearchHit', { description: '一条搜索命中 (one search hit)' })
export class SearchHitModel {
  @Field(() => ListingModel, { description: '命中的已发布信息 (the published listing)' }) listing: ListingModel;
  @Field(() => String, { nullable: true, description: '命中片段，搜索词以 <em>…</em> 标出 (matched text with the query terms marked <em>…</em>)' }) highlight: string | null;
}

@ObjectType('FacetCount', { description: '某一筛选维度上一个取值的命中数 (hits for one value of a facet)' })
export class FacetCountModel {
  @Field({ description: '维度：kind、regionCode、serviceCategory、creditProductType 或 industryCode (the facet)' }) field: string;
  @Field({ description: '取值，如 CREDIT_PRODUCT 或 330281 (the value)' }) value: string;
  @Field(() => Int, { description: '命中数 (hits with that value)' }) count: number;
}

@ObjectType('SearchResult', { description: '搜索结果 (search result)' })
export class SearchResultModel {
  @Field(() => Int, { description: '命中总数 (total hits)' }) total: number;
  @Field(() => [SearchHitModel], { description: '本页命中 (hits of this page)' }) hits: SearchHitModel[];
  @Field(() => [FacetCountModel], { description: '各筛选维度的命中数 (facet counts)' }) facets: FacetCountModel[];
}
