import { GraphQLScalarType } from 'graphql';
import { DateResolver, DateTimeResolver, SafeIntResolver } from 'graphql-scalars';

/** graphql-scalars' implementation with a description that starts in Chinese (the schema's convention). */
function described<TInternal, TExternal>(scalar: GraphQLScalarType<TInternal, TExternal>, chinese: string): GraphQLScalarType<TInternal, TExternal> {
  return new GraphQLScalarType({ ...scalar.toConfig(), description: `${chinese} (${scalar.description ?? scalar.name})` });
}

/** The contract's scalars, implemented by graphql-scalars. */
export const DateTimeScalar = described(DateTimeResolver, '日期时间，UTC，RFC 3339 格式，如 2026-12-04T10:15:30Z');
export const DateScalar = described(DateResolver, '日期，RFC 3339 full-date 格式 yyyy-mm-dd，如 2026-12-04');
export const SafeIntScalar = described(SafeIntResolver, '整数，取值在 ±(2^53 − 1) 之内（JavaScript 安全整数）；金额字段的单位为元');
