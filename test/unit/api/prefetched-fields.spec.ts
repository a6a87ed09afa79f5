import { describe, expect, it } from '@jest/globals';
import { buildSchema, graphqlSync, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { answerPrefetchedFields } from '../../../apps/api/src/graphql/prefetched-fields.js';

/** Listing.owner resolved by a (counting, asynchronous) resolver, as Nest's are. */
function schemaWithResolver(): { schema: GraphQLSchema; calls: () => number } {
  const schema = buildSchema(`type Org { name: String } type Listing { id: ID owner: Org } type Query { listings: [Listing] }`);
  let n = 0;
  (schema.getType('Listing') as GraphQLObjectType).getFields().owner!.resolve = async () => {
    n++;
    return { name: '从加载器读到的机构' };
  };
  return { schema, calls: () => n };
}

describe('answerPrefetchedFields', () => {
  it('answers a field from parent.prefetched<Field> synchronously, without calling the resolver', () => {
    const { schema, calls } = schemaWithResolver();
    answerPrefetchedFields(schema, ['Listing.owner']);
    const rootValue = { listings: [{ id: '1', prefetchedOwner: { name: '宁波甬江科技' } }, { id: '2', prefetchedOwner: { name: '慈溪检测' } }] };
    // graphqlSync throws if anything on the way returns a promise.
    const result = graphqlSync({ schema, source: '{ listings { id owner { name } } }', rootValue });
    expect(result).toEqual({ data: { listings: [{ id: '1', owner: { name: '宁波甬江科技' } }, { id: '2', owner: { name: '慈溪检测' } }] } });
    expect(calls()).toBe(0);
  });

  it('calls the resolver when the parent carries nothing prefetched', async () => {
    const { schema, calls } = schemaWithResolver();
    answerPrefetchedFields(schema, ['Listing.owner']);
    const { graphql } = await import('graphql');
    const result = await graphql({ schema, source: '{ listings { id owner { name } } }', rootValue: { listings: [{ id: '1' }, { id: '2', prefetchedOwner: null }] } });
    expect(result).toEqual({ data: { listings: [{ id: '1', owner: { name: '从加载器读到的机构' } }, { id: '2', owner: { name: '从加载器读到的机构' } }] } });
    expect(calls()).toBe(2);
  });

  it('refuses a listed field that does not exist or has no resolver (a rename cannot leave it silently unused)', () => {
    expect(() => answerPrefetchedFields(schemaWithResolver().schema, ['Listing.seller'])).toThrow(/Listing\.seller/);
    expect(() => answerPrefetchedFields(schemaWithResolver().schema, ['Listing.id'])).toThrow(/Listing\.id/);
    expect(() => answerPrefetchedFields(schemaWithResolver().schema, ['Lot.owner'])).toThrow(/Lot\.owner/);
  });
});
