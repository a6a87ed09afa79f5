import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

/** Lists cost their child cost times the page size asked for (`first`, default 20). */
const listEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const type = String(field.type);
  if (!type.includes('[')) return undefined;
  const first = typeof args.first === 'number' ? Math.max(1, args.first) : 20;
  return 1 + childComplexity * first;
};

/** Rejects operations whose estimated cost is above `maxCost` before they run. */
export function complexityPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = getComplexity({
            schema,
            operationName: request.operationName,
            query: document,
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), listEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > maxCost) {
            throw new GraphQLError(
              `查询成本 ${cost} 超过上限 ${maxCost}：请减少请求的字段或分页大小 (query cost ${cost} exceeds the limit of ${maxCost}; ask for fewer fields or smaller pages)`,
              { extensions: { code: 'BAD_USER_INPUT', limit: 'cost', cost, maxCost } },
            );
          }
        },
      };
    },
  };
}
