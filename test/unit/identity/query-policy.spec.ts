import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, isInterfaceType, isObjectType } from 'graphql';
import type { Actor } from '../../../libs/identity/src/access/access-policy.js';
import { QUERY_RULES, decideQuery, seesRow, type QueryName } from '../../../libs/identity/src/access/query-policy.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../libs/identity/src/organizations/organization-kind.js';
import { MEMBER_ROLES, type MemberRole } from '../../../libs/identity/src/users/member-role.js';

/**
 * The read side of the access table. Who sees what through the running API is
 * test/e2e/query-access-table.e2e.spec.ts; this file checks the table itself: every query and
 * subscription of the schema has a rule (so a new one cannot forget it), every rule names something
 * that exists, and the rule kinds decide as they say.
 */
const schema = buildSchema(readFileSync(join(process.cwd(), 'schema.gql'), 'utf8'));
const rootFields = [schema.getQueryType(), schema.getSubscriptionType()].flatMap((t) => Object.keys(t?.getFields() ?? {}));
/** Rules for HTTP routes outside GraphQL. */
const REST_RULES = ['insightsExport', 'voucherSettlementExport', 'policyPayoutExport'];

const OWN = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const actor = (kind: OrganizationKind, role: MemberRole = 'OWNER'): Actor => ({ userId: '00000000-0000-4000-8000-0000000000ff', organizationId: OWN, kind, verified: true, role });
const names = Object.keys(QUERY_RULES) as QueryName[];

describe('query access table', () => {
  it.each(rootFields)('%s has a QUERY_RULES row', (name) => {
    expect(names).toContain(name);
  });

  it.each(names.filter((n) => !REST_RULES.includes(n)))('%s names a root field or a field of the schema', (name) => {
    const [type, field] = name.includes('.') ? name.split('.') : [undefined, name];
    if (type === undefined) {
      expect(rootFields).toContain(field);
    } else {
      const t = schema.getType(type);
      expect((isObjectType(t) || isInterfaceType(t)) && field! in t.getFields()).toBe(true);
    }
  });

  it.each(names.filter((n) => QUERY_RULES[n].kinds !== 'signed-in' && !n.includes('.')))('%s: kinds it does not name are refused with its message', (name) => {
    const rule = QUERY_RULES[name];
    for (const kind of ORGANIZATION_KINDS) {
      const decision = decideQuery(actor(kind), name);
      expect(decision.allowed).toBe((rule.kinds as readonly string[]).includes(kind));
      if (!decision.allowed) expect(decision.reason).toMatch(/^\p{Script=Han}/u); // Chinese first
    }
  });

  it.each(names.filter((n) => 'partiesOnly' in QUERY_RULES[n]))('%s: its parties read the row, others only with a grant the rule accepts, overriding kinds always', (name) => {
    const rule = QUERY_RULES[name] as { grants?: boolean; overrideKinds?: readonly OrganizationKind[] };
    for (const kind of ORGANIZATION_KINDS) {
      const overrides = rule.overrideKinds?.includes(kind) ?? false;
      expect(decideQuery(actor(kind), name, { parties: [OWN] }).allowed).toBe(true);
      expect(decideQuery(actor(kind), name, { parties: [OTHER] }).allowed).toBe(overrides);
      expect(decideQuery(actor(kind), name, { parties: [OTHER], granted: true }).allowed).toBe(overrides || rule.grants === true);
    }
    expect(() => decideQuery(actor('BANK'), name)).toThrow(name);
  });

  it('invitations: OWNERs and ADMINs of any kind; a MEMBER, or an actor without a role, is refused', () => {
    for (const kind of ORGANIZATION_KINDS) {
      for (const role of MEMBER_ROLES) expect(decideQuery(actor(kind, role), 'invitations').allowed).toBe(role !== 'MEMBER');
      expect(decideQuery({ ...actor(kind), role: undefined }, 'invitations').allowed).toBe(false);
    }
  });

  it('fields that hide are hidden from a caller without a token', () => {
    expect(seesRow(undefined, 'Organization.contact', { parties: [OWN] })).toBe(false);
    expect(seesRow(undefined, 'VerificationDecider.displayName')).toBe(false);
    expect(seesRow(actor('AUTHORITY'), 'VerificationDecider.displayName')).toBe(true);
  });
});
