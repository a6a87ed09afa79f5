import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ListingModel } from '../listings/listing.models.js';

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
