import { describe, expect, it } from '@jest/globals';
import { Kind, parse, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { connectionShape, nestedOrganization, nestedShape, singleShape } from '../../../apps/api/src/listings/listing-selection.js';

/** The parts of a resolve info the shape reads, for the first root field of `query`. */
function infoOf(query: string): GraphQLResolveInfo {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments } as unknown as GraphQLResolveInfo;
}

describe('the read shape of a GraphQL selection (ADR 0040)', () => {
  it('the issue\'s query: title only, the owner joined with id and name, the total counted', () => {
    const shape = connectionShape(infoOf('{ listings(first: 20) { totalCount edges { node { id title owner { id name } } } } }'));
    expect(shape).toEqual({ columns: ['title'], owner: ['id', 'name'], park: undefined, totalCount: true });
  });

  it('no totalCount, no count; kind fields through inline fragments and named fragments', () => {
    const shape = connectionShape(
      infoOf(`{ listings { pageInfo { endCursor } edges { cursor node { __typename ...Money ... on ParkVacancy { areaSqm park { name operator { id name } } } } } } }
        fragment Money on CreditProduct { amountMin eligibility { tiers } }`),
    );
    expect(shape.totalCount).toBe(false);
    expect(shape.columns).toEqual(expect.arrayContaining(['amount_min', 'eligible_tiers', 'max_debt_ratio', 'area_sqm', 'park_id']));
    expect(shape.columns).not.toContain('title');
    expect(shape.owner).toBeUndefined();
    expect(shape.park).toEqual({ fields: expect.arrayContaining(['name', 'id', 'operatorOrganizationId']), operator: ['id', 'name'] });
  });

  it('an owner field that is not a public column (contact, a resolver) leaves the owner to its loader', () => {
    const shape = connectionShape(infoOf('{ listings { edges { node { owner { name contact { phone } } } } } }'));
    expect(shape.owner).toBeUndefined();
    const park = connectionShape(infoOf('{ listings { edges { node { ... on ParkVacancy { park { name vacancies { totalCount } } } } } } }'));
    expect(park.park).toBeUndefined();
    expect(park.columns).toContain('park_id');
  });

  it('a field the map does not know makes the shape the full one', () => {
    expect(singleShape(infoOf('{ listing(id: "x") { id somethingNew } }')).columns).toBe('all');
  });

  it('search hits: the listing under hits, and under edges.node', () => {
    expect(nestedShape(infoOf('{ search(input: {query: "a"}) { total hits { highlight listing { title } } } }'), ['hits', 'listing']).columns).toEqual(['title']);
    expect(nestedShape(infoOf('{ searchConnection(input: {query: "a"}) { edges { node { listing { tags } } } } }'), ['edges', 'node', 'listing']).columns).toEqual(['tags']);
  });

  it('recommendations and match requests: the listing under node.listing, owner joined', () => {
    const recs = nestedShape(infoOf('{ recommendationsConnection { totalCount edges { node { score listing { title owner { id name } } } } } }'), ['edges', 'node', 'listing']);
    expect(recs).toEqual({ columns: ['title'], owner: ['id', 'name'], park: undefined, totalCount: false });
    expect(nestedShape(infoOf('{ recommendations { score } }'), ['listing']).columns).toEqual([]);
  });

  it.each([
    ['public columns only: joined', '{ matchRequests(role: SENT) { edges { node { enterprise { id name __typename } } } } }', ['id', 'name']],
    ['through a fragment', '{ matchRequests(role: SENT) { edges { node { enterprise { ...E } } } } } fragment E on Organization { regionCode }', ['regionCode']],
    ['a resolver field (matchStats): the loader', '{ matchRequests(role: SENT) { edges { node { enterprise { name matchStats { received } } } } } }', undefined],
    ['contact data: the loader', '{ matchRequests(role: SENT) { edges { node { enterprise { name contact { phone } } } } } }', undefined],
    ['not selected: nothing read', '{ matchRequests(role: SENT) { edges { node { id } } } }', undefined],
    ['only __typename: nothing read', '{ matchRequests(role: SENT) { edges { node { enterprise { __typename } } } } }', undefined],
  ])('the enterprise of a match request or lead: %s', (_label, query, expected) => {
    expect(nestedOrganization(infoOf(query), ['edges', 'node', 'enterprise'])).toEqual(expected);
  });
});
