import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../../libs/platform/src/errors/app-error.js';
import { asPatchError, mergePatch } from '../../../libs/platform/src/validation/patch.js';

/** Partial updates (issue 24, ADR 0031): absent keeps, null clears an optional field, a required one cannot be cleared. */
describe('mergePatch', () => {
  const current = { title: '旧标题', priceMin: 10, priceMax: 20 as number | null, tags: ['a'] };
  const required = ['title', 'tags'] as const;

  it.each([
    ['nothing given keeps everything', {}, current],
    ['undefined is absent', { title: undefined }, current],
    ['a value replaces', { title: '新标题' }, { ...current, title: '新标题' }],
    ['null clears an optional field', { priceMax: null }, { ...current, priceMax: null }],
    ['an empty list replaces a list', { tags: [] }, { ...current, tags: [] }],
    ['null patch keeps everything', null, current],
  ] as const)('%s', (_name, patch, merged) => {
    expect(mergePatch(current, patch as never, required)).toEqual(merged);
  });

  it.each(['title', 'tags'])('null on the required field %s → BAD_USER_INPUT on patch.<field>', (field) => {
    const err = (() => {
      try {
        mergePatch(current, { [field]: null } as never, required);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('not refused');
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.details.field).toBe(`patch.${field}`);
    expect(err.message).toMatch(/^\S+ 为必填项，不能清空/);
  });

  it('does not touch the current object', () => {
    const before = structuredClone(current);
    mergePatch(current, { title: 'x', priceMax: null }, required);
    expect(current).toEqual(before);
  });

  it.each([
    ['input.priceMin', 'patch.priceMin'],
    ['input.eligibility.tiers', 'patch.eligibility.tiers'],
    ['id', 'id'],
  ])('asPatchError moves %s to %s', (from, to) => {
    const err = asPatchError(new AppError('BAD_USER_INPUT', 'x', { field: from })) as AppError;
    expect(err.details.field).toBe(to);
  });
});
