import { describe, it, expect } from '@jest/globals';

import {
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  type DemoOrgKind,
} from '../../../apps/api/src/demo/demo-data.js';
import { isKnownRegionCode, isWithinRegion } from '../../../libs/codes/src/region-codes.js';
import { validateUscc } from '../../../libs/identity/src/uscc/uscc.js';

const rows = DEMO_ORGANIZATIONS.map((org) => [org.key, org] as const);

function duplicates(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

describe('DEMO_ORGANIZATIONS', () => {
  it.each(rows)('%s has a valid USCC', (_key, org) => {
    expect(validateUscc(org.uscc)).toEqual({ ok: true });
  });

  it.each(rows)('%s carries its region code in USCC positions 3-8', (_key, org) => {
    expect(org.uscc.slice(2, 8)).toBe(org.regionCode);
  });

  it.each(rows)('%s has a known Ningbo region code', (_key, org) => {
    expect(isKnownRegionCode(org.regionCode)).toBe(true);
    expect(isWithinRegion(org.regionCode, '330200')).toBe(true);
  });

  it.each(rows)('%s uses the prefix for its kind', (_key, org) => {
    expect(org.uscc.slice(0, 2)).toBe(org.kind === 'AUTHORITY' ? '11' : '91');
  });

  it.each(rows)('%s has a lower-case demo email derived from its key', (key, org) => {
    expect(org.user.email).toBe(`${key}@demo.srdi.example`);
    expect(org.user.email).toBe(org.user.email.toLowerCase());
    expect(org.user.displayName.trim()).not.toBe('');
    expect(org.name.trim()).not.toBe('');
  });

  it.each([
    ['key', DEMO_ORGANIZATIONS.map((o) => o.key)],
    ['USCC', DEMO_ORGANIZATIONS.map((o) => o.uscc)],
    ['org-code body', DEMO_ORGANIZATIONS.map((o) => o.uscc.slice(8, 16))],
    ['email', DEMO_ORGANIZATIONS.map((o) => o.user.email)],
    ['name', DEMO_ORGANIZATIONS.map((o) => o.name)],
  ])('has unique %s values', (_field, values) => {
    expect(duplicates(values)).toEqual([]);
  });

  it.each([
    ['ENTERPRISE', 5],
    ['SERVICE_PROVIDER', 4],
    ['BANK', 5],
    ['ANCHOR_ENTERPRISE', 3],
    ['PARK_OPERATOR', 2],
    ['AUTHORITY', 1],
  ] satisfies Array<[DemoOrgKind, number]>)('has %s count %i', (kind, count) => {
    expect(DEMO_ORGANIZATIONS.filter((o) => o.kind === kind)).toHaveLength(count);
  });

  it.each([
    ['ENTERPRISE', 1],
    ['SERVICE_PROVIDER', 1],
  ] satisfies Array<[DemoOrgKind, number]>)('leaves %s unverified %i time(s) to demo the verification flow', (kind, count) => {
    expect(DEMO_ORGANIZATIONS.filter((o) => o.kind === kind && !o.verified)).toHaveLength(count);
  });

  it('keeps every other kind verified', () => {
    const unverified = DEMO_ORGANIZATIONS.filter((o) => !o.verified).map((o) => o.kind);
    expect(unverified.sort()).toEqual(['ENTERPRISE', 'SERVICE_PROVIDER']);
  });

  it('has the Ningbo 经信局 as the verified authority', () => {
    const authority = DEMO_ORGANIZATIONS.find((o) => o.kind === 'AUTHORITY');
    expect(authority).toMatchObject({
      name: '宁波市经济和信息化局',
      regionCode: '330200',
      verified: true,
      user: { email: 'authority@demo.srdi.example' },
    });
  });

  it.each([
    ['330281', 'Yuyao'],
    ['330211', 'Zhenhai'],
    ['330212', 'Yinzhou'],
  ])('has enterprises in %s (%s)', (region) => {
    expect(DEMO_ORGANIZATIONS.some((o) => o.kind === 'ENTERPRISE' && o.regionCode === region)).toBe(true);
  });

  it('uses a demo password that registration itself would accept (≥ 10 characters)', () => {
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(10);
  });
});
