import type { GraphQLSchema } from 'graphql';

/** Descriptions of the root types, which code-first decorators cannot carry. */
export const ROOT_TYPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  Query: '查询入口：读取机构、企业画像、发布信息、推荐、对接申请、通知与统计 (read operations)',
  Mutation: '变更入口：注册登录、成员与审核、企业画像、发布信息、揭榜、对接申请、导入 (write operations)',
  Subscription: '订阅入口，仅经 WebSocket（graphql-ws）(live updates over graphql-ws only)',
};

/** Gives Query, Mutation and Subscription their description (in place; the schema is returned for chaining). */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (type && !type.description) type.description = ROOT_TYPE_DESCRIPTIONS[type.name] ?? null;
  }
  return schema;
}
