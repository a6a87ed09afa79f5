/** REWARD_POLICIES_FILE: policies added or replacing shipped ones by id; a bad set stops the start naming policy and field. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { policySetFrom } from '../../../libs/rewards/src/rewards.service.js';
import { SHIPPED_POLICIES, SHIPPED_POLICY_SET } from '../../../libs/rewards/src/core/index.js';

const file = (content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'policies-')), 'p.json');
  writeFileSync(path, content);
  return path;
};

describe('policySetFrom', () => {
  it('without a file: the shipped set', () => {
    expect(policySetFrom(undefined)).toBe(SHIPPED_POLICY_SET);
  });

  it('enables a functional zone by giving it regions; the version names the content', () => {
    const zone = { ...SHIPPED_POLICIES.find((p) => p.id === 'NINGBO-HANGZHOU-BAY-LITTLE-GIANT')!, regionCodes: ['330282'], disabled: false };
    const set = policySetFrom(file(JSON.stringify([zone])));
    expect(set.policies.filter((p) => p.id === zone.id)).toEqual([zone]);
    expect(set.policies).toHaveLength(SHIPPED_POLICIES.length);
    expect(set.version).toMatch(/^seeds-2026-12-05\+[0-9a-f]{12}$/);
    expect(policySetFrom(file(JSON.stringify([{ ...zone, formula: { kind: 'FIXED', amount: 1_200_000 } }]))).version).not.toBe(set.version);
  });

  it.each([
    ['not JSON', '{', '无法读取或不是 JSON'],
    ['not an array', '{}', '须为至多 500 项的政策数组'],
    ['validity ending before it starts', JSON.stringify([{ ...SHIPPED_POLICIES[0]!, validTo: '2020-01-01' }]), 'YUYAO-2022-LITTLE-GIANT.validTo'],
    ['a match of an unknown policy', JSON.stringify([{ ...SHIPPED_POLICIES.find((p) => p.id === 'NINGBO-FENGHUA-LITTLE-GIANT-MATCH')!, formula: { kind: 'MATCH_PAID', numerator: 1, denominator: 1, policyIds: ['GONE'] } }]), 'formula.policyIds'],
  ])('%s stops the start', (_l, content, text) => {
    expect(() => policySetFrom(file(content))).toThrow(text);
  });
});
