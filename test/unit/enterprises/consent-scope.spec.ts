import { describe, expect, it } from '@jest/globals';
import { consentState, missingSections, type CaseStanding, type ConsentTerms } from '../../../libs/enterprises/src/consent/consent-scope.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (days: number, ms = 0) => new Date(T0.getTime() + days * 86_400_000 + ms);
const standing = (over: Partial<ConsentTerms> = {}): ConsentTerms => ({ purpose: 'STANDING', expiresAt: at(365), revokedAt: null, ...over });
const forCase = (over: Partial<ConsentTerms> = {}): ConsentTerms => ({ purpose: 'MATCH_REQUEST', expiresAt: at(365), revokedAt: null, ...over });

describe('consentState (ADR 0035)', () => {
  it.each<[string, ConsentTerms, CaseStanding | null, Date, string, Date]>([
    ['standing, before expiry', standing(), null, at(364, 86_399_999), 'ACTIVE', at(365)],
    ['standing, at expiry', standing(), null, at(365), 'EXPIRED', at(365)],
    ['standing, revoked just now', standing({ revokedAt: at(10) }), null, at(10), 'REVOKED', at(10)],
    ['standing, revoked later than now', standing({ revokedAt: at(10) }), null, at(9), 'ACTIVE', at(365)],
    ['case open', forCase(), { state: 'OPEN' }, at(200), 'ACTIVE', at(365)],
    ['case decided, day 89', forCase(), { state: 'DECIDED', decidedAt: at(1) }, at(90, -1), 'ACTIVE', at(91)],
    ['case decided, day 90 after', forCase(), { state: 'DECIDED', decidedAt: at(1) }, at(91), 'ENDED', at(91)],
    ['case decided late: own expiry first', forCase(), { state: 'DECIDED', decidedAt: at(300) }, at(365), 'EXPIRED', at(365)],
    ['case ended at once', forCase(), { state: 'ENDED', endedAt: at(5) }, at(5), 'ENDED', at(5)],
    ['case ended, before that', forCase(), { state: 'ENDED', endedAt: at(5) }, at(4), 'ACTIVE', at(5)],
    ['case not found', forCase(), null, at(0), 'ENDED', new Date(0)],
    ['revoked after its case ended: still ended', forCase({ revokedAt: at(7) }), { state: 'ENDED', endedAt: at(5) }, at(8), 'ENDED', at(5)],
    ['revoked before its case ended', forCase({ revokedAt: at(3) }), { state: 'ENDED', endedAt: at(5) }, at(8), 'REVOKED', at(3)],
  ])('%s', (_name, terms, caseStanding, now, status, endsAt) => {
    expect(consentState(terms, caseStanding, now)).toEqual({ status, endsAt });
  });

  it('missingSections: what the scope leaves out, once each', () => {
    expect(missingSections(['BASIC', 'IP', 'IP', 'NEEDS'], ['BASIC', 'NEEDS'])).toEqual(['IP']);
    expect(missingSections([], ['BASIC'])).toEqual([]);
    expect(missingSections(['FINANCIALS'], [])).toEqual(['FINANCIALS']);
  });
});
