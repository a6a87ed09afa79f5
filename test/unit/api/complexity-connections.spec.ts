import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { complexityError } from '../../../apps/api/src/graphql/complexity.plugin.js';

/** The cost estimator counts a connection's `first` (ADR 0032): once, at the connection, not again at its edges. */
const schema = buildSchema(`
  type Query {
    things(first: Int = 20, after: String): ThingConnection!
    plain(first: Int = 20): [Thing!]!
    search(input: SearchInput!): [Thing!]!
  }
  input SearchInput { query: String!, first: Int }
  type ThingConnection { edges: [ThingEdge!]!, entries: [Thing!]!, pageInfo: PageInfo!, totalCount: Int! }
  type ThingEdge { cursor: String!, node: Thing! }
  type PageInfo { hasNextPage: Boolean!, endCursor: String }
  type Thing { id: ID!, name: String! }
`);
/** The estimated cost (maxCost 0 always reports it). */
const cost = (query: string) => complexityError(schema, parse(query), undefined, {}, 0)!.extensions.cost as number;

describe('cost of paginated fields', () => {
  it('a connection costs its first times its selection, and grows with first', () => {
    const page = (n?: number) => cost(`{ things${n ? `(first: ${n})` : ''} { totalCount edges { node { id name } } } }`);
    expect(page(100)).toBeGreaterThan(page(20) * 4);
    expect(page()).toBe(page(20)); // the argument's default
    expect(page(1)).toBeLessThan(page(20) / 10);
    // A list straight under a connection (a timeline's entries) is the page too: not multiplied again.
    expect(cost('{ things(first: 50) { entries { id name } } }')).toBe(cost('{ things(first: 50) { edges { node { id name } } } }') - 50);
  });
  it('a plain list and search (input.first) cost by their page size', () => {
    expect(cost('{ plain(first: 100) { id } }')).toBeGreaterThan(cost('{ plain(first: 10) { id } }') * 5);
    expect(cost('{ search(input: { query: "", first: 100 }) { id } }')).toBeGreaterThan(cost('{ search(input: { query: "", first: 5 }) { id } }') * 10);
  });
});
