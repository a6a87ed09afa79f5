import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { complexityError } from '../../../apps/api/src/graphql/complexity.plugin.js';

/** The committed schema: the estimator reads only field arguments and types, the same as the served schema's. */
const schema = buildSchema(readFileSync('schema.gql', 'utf8'));
const MAX = 5000;

/** The estimated cost of `query`, read from the error of a limit of 0 (every operation costs at least 1). */
function cost(query: string, variables: Record<string, unknown> = {}): number {
  const error = complexityError(schema, parse(query), undefined, variables, 0);
  return Number(error?.extensions.cost);
}

const HIT = 'listing { id title kind }';
const aliased = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('cost estimator: every paginated field counts `first`', () => {
  it.each([
    ['search (input.first)', (n: number) => `{ search(input: { query: "专利", first: ${n} }) { total hits { ${HIT} } } }`],
    ['listings', (n: number) => `{ listings(first: ${n}) { totalCount edges { node { id title } } } }`],
    ['matchRequests', (n: number) => `{ matchRequests(role: SENT, first: ${n}) { edges { node { id status } } } }`],
    ['auditLog', (n: number) => `{ auditLog(first: ${n}) { edges { node { id operation outcome } } } }`],
    ['leads', (n: number) => `{ leads(listingId: "x", first: ${n}) { score reasons } }`],
    ['recommendations (within its real maximum)', (n: number) => `{ recommendations(first: ${n}) { score listing { id title } } }`],
  ])('%s: first 100 costs over three times first 20', (_name, query) => {
    const small = cost(query(20));
    const large = cost(query(100));
    expect(large).toBeGreaterThan(small * 3);
  });

  it('the probe: 15 aliased search(first: 100) is refused; one is not', () => {
    const one = `search(input: { query: "专利", first: 100 }) { total hits { ${HIT} } }`;
    expect(complexityError(schema, parse(`{ ${one} }`), undefined, {}, MAX)).toBeUndefined();
    const error = complexityError(schema, parse(aliased(15, one)), undefined, {}, MAX);
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
  });

  it('reads `first` from variables too', () => {
    const q = 'query($n: Int) { listings(first: $n) { edges { node { id title } } } }';
    expect(complexityError(schema, parse(q), undefined, { n: 100 }, 0)?.extensions.cost).toBeGreaterThan(Number(complexityError(schema, parse(q), undefined, { n: 5 }, 0)?.extensions.cost) * 10);
  });

  it('recommendations are capped by the match set (20 per kind): first 100 of one kind costs as first 20', () => {
    const q = (n: number, kinds: string) => `{ recommendations(first: ${n}, kinds: [${kinds}]) { score reasons listing { id title } } }`;
    expect(cost(q(100, 'CREDIT_PRODUCT'))).toBe(cost(q(20, 'CREDIT_PRODUCT')));
    expect(cost(q(100, 'CREDIT_PRODUCT, CHALLENGE'))).toBe(cost(q(40, 'CREDIT_PRODUCT, CHALLENGE')));
    // Every kind: 80 at most, and a full first:100 page passes the default limit.
    expect(cost(q(100, 'CREDIT_PRODUCT, CHALLENGE, PARK_VACANCY, SERVICE_OFFERING'))).toBe(cost(q(80, 'CREDIT_PRODUCT, CHALLENGE, PARK_VACANCY, SERVICE_OFFERING')));
    expect(complexityError(schema, parse('{ recommendations(first: 100) { score computedAt reasons { code label contribution } listing { id title kind status } } }'), undefined, {}, MAX)).toBeUndefined();
  });

  it("a connection's edges are counted once, at the connection's `first`", () => {
    const withEdges = cost('{ listings(first: 10) { edges { node { id } } } }');
    // 10 × (edges 1 + node 1 + id 1) + 1, not 10 × 20 × …
    expect(withEdges).toBeLessThan(50);
  });

  it("a timeline's entries inside a paginated list count once, at the timeline's `first`", () => {
    const q = (n: number) => `{ matchRequests(role: SENT, first: 20) { edges { node { id timeline(first: ${n}) { entries { kind note } } } } } }`;
    expect(cost(q(10))).toBeLessThan(MAX);
    expect(cost(q(50))).toBeGreaterThan(cost(q(10)) * 4);
  });

  it('lists without `first` still count 20 rows', () => {
    expect(cost('{ members { id } }')).toBe(1 + 20 * 1);
  });
});
