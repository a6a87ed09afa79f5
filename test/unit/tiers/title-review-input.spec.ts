/**
 * The AUTHORITY's re-review decisions (DOMAIN.md §8.2): input bounds (pure) and the notice texts,
 * both sides of each edge.
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MAX_TITLE_REVIEW_FIRMS, parsePendingUntil, parseSelection } from '../../../libs/enterprises/src/title-review/title-review.service.js';
import { titleReviewNotice } from '../../../libs/notifications/src/title-review-texts.js';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { details?: { field?: string } }).details?.field;
  }
  return undefined;
};

describe('parseSelection', () => {
  it.each<[string, Parameters<typeof parseSelection>[0], string | undefined]>([
    ['one firm', { organizationIds: [randomUUID()] }, undefined],
    [`${MAX_TITLE_REVIEW_FIRMS} firms`, { organizationIds: Array.from({ length: MAX_TITLE_REVIEW_FIRMS }, () => randomUUID()) }, undefined],
    [`${MAX_TITLE_REVIEW_FIRMS + 1} firms`, { organizationIds: Array.from({ length: MAX_TITLE_REVIEW_FIRMS + 1 }, () => randomUUID()) }, 'input.organizationIds'],
    ['an empty list', { organizationIds: [] }, 'input.organizationIds'],
    ['a malformed id', { organizationIds: [randomUUID(), 'x'] }, 'input.organizationIds[1]'],
    ['a batch', { tier: 'LITTLE_GIANT', certifiedOn: '2023-07-15' }, undefined],
    ['a batch without a day', { tier: 'LITTLE_GIANT' }, 'input.certifiedOn'],
    ['a batch without a tier', { certifiedOn: '2023-07-15' }, 'input.tier'],
    ['a batch of NONE', { tier: 'NONE', certifiedOn: '2023-07-15' }, 'input.tier'],
    ['a batch on 2023-02-29', { tier: 'LITTLE_GIANT', certifiedOn: '2023-02-29' }, 'input.certifiedOn'],
    ['both', { organizationIds: [randomUUID()], tier: 'LITTLE_GIANT', certifiedOn: '2023-07-15' }, 'input.organizationIds'],
    ['neither', {}, 'input.organizationIds'],
  ])('%s', (_what, input, field) => {
    expect(fieldOf(() => parseSelection(input))).toBe(field);
  });

  it('dedupes and lower-cases ids', () => {
    const id = randomUUID();
    expect(parseSelection({ organizationIds: [id, id.toUpperCase()] })).toEqual({ kind: 'ids', ids: [id] });
  });
});

describe('parsePendingUntil (today 2026-12-04)', () => {
  it.each([
    ['2026-12-03', 'input.pendingUntil'],
    ['2026-12-04', undefined],
    ['2027-12-04', undefined],
    ['2027-12-05', 'input.pendingUntil'],
    ['2026-13-01', 'input.pendingUntil'],
  ])('%s', (value, field) => {
    expect(fieldOf(() => parsePendingUntil(value, '2026-12-04'))).toBe(field);
  });

  it('takes the JS Date a GraphQL Date argument arrives as', () => {
    expect(parsePendingUntil(new Date('2027-01-31T00:00:00Z'), '2026-12-04')).toBe('2027-01-31');
    expect(parseSelection({ tier: 'LITTLE_GIANT', certifiedOn: new Date('2023-07-15T00:00:00Z') as unknown as string })).toEqual({ kind: 'batch', tier: 'LITTLE_GIANT', certifiedOn: '2023-07-15' });
  });
});

describe('titleReviewNotice', () => {
  const base = { tier: 'LITTLE_GIANT', certifiedOn: '2023-12-03', document: null, today: '2026-12-04' };
  it('recorded: the date in the title, what still counts in the body', () => {
    const n = titleReviewNotice({ ...base, action: 'PENDING_RECORDED', pendingUntil: '2027-01-31', document: '工信厅企业函〔2026〕117号' });
    expect(n.title).toBe('专精特新"小巨人"企业称号复核中，有效至2027-01-31');
    expect(n.body).toContain('认定满3年于2026-12-03届满后，至2027-01-31（含当日）仍按有效计');
    expect(n.body).toContain('依据：工信厅企业函〔2026〕117号');
  });
  it.each([
    ['2026-12-02', 'the last valid day: still valid', '称号仍在有效期内，有效期至2026-12-02'],
    ['2026-12-03', 'the expiry day: lapsed', '已于2026-12-03届满，自即日起按失效处理'],
    ['2027-02-01', 'after the expiry: lapsed', '已于2026-12-03届满，自即日起按失效处理'],
  ])('cleared on %s (%s)', (today, _what, text) => {
    const n = titleReviewNotice({ ...base, today, action: 'PENDING_CLEARED', pendingUntil: null });
    expect(n.title).toBe('专精特新"小巨人"企业称号复核待定登记已撤销');
    expect(n.body).toContain(text);
    expect(n.body).not.toMatch(/DOMAIN|§|[A-Z_]{4,}/);
  });
});
