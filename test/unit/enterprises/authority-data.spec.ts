import { describe, expect, it } from '@jest/globals';
import { hidesAuthorityData } from '../../../libs/enterprises/src/enterprise-profile.service.js';

const OWN = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const IMPORTED = new Date('2026-11-01T00:00:00Z');

describe('hidesAuthorityData: an unverified organization never reads what the AUTHORITY imported', () => {
  it.each([
    ['own imported profile, unverified enterprise', { organizationId: OWN, kind: 'ENTERPRISE', verified: false }, IMPORTED, true],
    ['own imported profile, verified enterprise', { organizationId: OWN, kind: 'ENTERPRISE', verified: true }, IMPORTED, false],
    ['own self-written profile, unverified enterprise', { organizationId: OWN, kind: 'ENTERPRISE', verified: false }, null, false],
    ['another firm’s imported profile (shared with an unverified bank)', { organizationId: OTHER, kind: 'BANK', verified: false }, IMPORTED, false],
    ['the AUTHORITY', { organizationId: OTHER, kind: 'AUTHORITY', verified: true }, IMPORTED, false],
  ] as const)('%s → %s', (_what, actor, importedAt, hidden) => {
    expect(hidesAuthorityData(actor, { organizationId: OWN, importedAt })).toBe(hidden);
  });
});
