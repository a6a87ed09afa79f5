import { describe, expect, it } from '@jest/globals';
import { MUTATION_RULES, decide, decideKind, type Actor, type MutationName } from '../../../libs/identity/src/access/access-policy.js';
import { ORGANIZATION_KINDS } from '../../../libs/identity/src/organizations/organization-kind.js';
import { MEMBER_ROLES } from '../../../libs/identity/src/users/member-role.js';

/**
 * decideKind is what services ask before they load the target (authorizeKind): the whole rule but
 * the row. It answers as decide does on one of the caller's own rows (what callers once passed as a
 * stand-in owner), and never needs the owner.
 */
const OWN = '00000000-0000-4000-8000-00000000000a';
const mutations = Object.keys(MUTATION_RULES) as MutationName[];
const cases = mutations.flatMap((mutation) => ORGANIZATION_KINDS.map((kind) => ({ mutation, kind })));

describe('decideKind', () => {
  it.each(cases)('$mutation by $kind: as decide on an own row, for every role and verification', ({ mutation, kind }) => {
    for (const verified of [true, false]) {
      for (const role of [...MEMBER_ROLES, undefined]) {
        const actor: Actor = { userId: '00000000-0000-4000-8000-0000000000ff', organizationId: OWN, kind, verified, role };
        expect(decideKind(actor, mutation)).toEqual(decide(actor, mutation, { ownerOrganizationId: OWN }));
      }
    }
  });

  it.each(mutations)('%s without a caller: as decide', (mutation) => {
    expect(decideKind(undefined, mutation)).toEqual(decide(undefined, mutation, { ownerOrganizationId: OWN }));
  });
});
