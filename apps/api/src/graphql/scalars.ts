import { DateResolver, DateTimeResolver, SafeIntResolver } from 'graphql-scalars';

/** The contract's scalars, implemented by graphql-scalars. */
export const DateTimeScalar = DateTimeResolver;
export const DateScalar = DateResolver;
export const SafeIntScalar = SafeIntResolver;
