/** A GraphQL enum object from a list of string values: { A: 'A', B: 'B' }. */
export const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
