import { Field, InputType, Int } from '@nestjs/graphql';
import { CreditProductTypeEnum, ListingKindEnum } from '../listings/listing.models.js';
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
