import { Field, ID, InputType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '../graphql/scalars.js';

@InputType('InsightsPeriod', { description: '统计区间：起止日期均含当天（北京时间），from ≤ to，最长 5 年 (inclusive dates in Beijing time; at most 5 years)' })
export class InsightsPeriodInput {
  @Field(() => DateScalar, { description: '起始日期（含）(first day, inclusive)' }) from: Date;
  @Field(() => DateScalar, { description: '结束日期（含），不早于 from (last day, inclusive)' }) to: Date;
}

@InputType('AuditLogFilter', { description: '操作日志筛选条件，各条件同时满足 (all conditions apply)' })
export class AuditLogFilterInput {
  @Field(() => ID, { nullable: true, description: '只看该机构的操作 (only calls by this organization)' }) organizationId?: string | null;
  @Field(() => String, { nullable: true, description: '操作名（mutation 名称），如 requestMatch (a mutation name)' }) operation?: string | null;
  @Field(() => String, { nullable: true, description: '结果：OK 或错误码，如 FORBIDDEN (OK or an error code)' }) outcome?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '起始时间（含）(from, inclusive)' }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '结束时间（含），不早于 from (to, inclusive)' }) to?: Date | null;
}
