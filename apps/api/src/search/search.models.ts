import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { CreditProductTypeEnum, ListingKindEnum, ListingModel } from '../listings/listing.models.js';
import { ServiceCategoryEnum } from '../enterprises/enterprise.models.js';

@InputType('SearchInput')
export class SearchInput {
  @Field({ description: 'Free text, Chinese or English; may be empty to browse by filters.' }) query: string;
  @Field(() => [ListingKindEnum], { nullable: true }) kinds?: string[] | null;
  @Field(() => [String], { nullable: true }) regionCodes?: string[] | null;
  @Field(() => [String], { nullable: true }) industryCodes?: string[] | null;
  @Field(() => [ServiceCategoryEnum], { nullable: true }) serviceCategories?: string[] | null;
  @Field(() => [CreditProductTypeEnum], { nullable: true }) creditProductTypes?: string[] | null;
  @Field(() => Int, { nullable: true, description: '1..100, default 20' }) first?: number | null;
  @Field(() => Int, { nullable: true, description: '0..10000, default 0' }) offset?: number | null;
}

@ObjectType('SearchHit')
export class SearchHitModel {
  @Field(() => ListingModel) listing: ListingModel;
  @Field(() => String, { nullable: true, description: 'Matched text with the query terms marked <em>…</em>.' }) highlight: string | null;
}

@ObjectType('FacetCount')
export class FacetCountModel {
  @Field({ description: 'kind, regionCode, serviceCategory, creditProductType or industryCode' }) field: string;
  @Field() value: string;
  @Field(() => Int) count: number;
}

@ObjectType('SearchResult')
export class SearchResultModel {
  @Field(() => Int) total: number;
  @Field(() => [SearchHitModel]) hits: SearchHitModel[];
  @Field(() => [FacetCountModel]) facets: FacetCountModel[];
}
