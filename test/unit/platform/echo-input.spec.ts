import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { echoInput, RECEIVED_PREFIX_CHARS } from '../../../libs/platform/src/errors/echo-input.js';
import { parseId } from '../../../libs/platform/src/errors/ids.js';
import { AppError, badInput } from '../../../libs/platform/src/errors/app-error.js';
import { describeIndustryCodeProblem } from '../../../libs/codes/src/industry-codes.js';
import { describeRegionCodeProblem } from '../../../libs/codes/src/region-codes.js';
import { boundedMessage, createErrorFormatter, MAX_ERROR_MESSAGE_CHARS, QUOTED_NAME_MAX_CHARS } from '../../../apps/api/src/graphql/format-error.js';

const A32 = 'A'.repeat(32);
const EMOJI = '😀'; // one character, two UTF-16 units

describe('echoInput: a value an error message repeats', () => {
  it('keeps 32 characters', () => expect(RECEIVED_PREFIX_CHARS).toBe(32));

  it.each([
    ['empty', '', ''],
    ['short', 'C3X', 'C3X'],
    ['exactly 32 characters: unchanged', A32, A32],
    ['33 characters: 32, "…" and the length', `${A32}B`, `${A32}…（共 33 个字符 / 33 characters）`],
    ['32 emoji (64 UTF-16 units) are 32 characters: unchanged', EMOJI.repeat(32), EMOJI.repeat(32)],
    ['33 emoji: 32 of them, no half pair', EMOJI.repeat(33), `${EMOJI.repeat(32)}…（共 33 个字符 / 33 characters）`],
    ['a pair across the cut stays whole', `${'A'.repeat(31)}${EMOJI}BB`, `${'A'.repeat(31)}${EMOJI}…（共 34 个字符 / 34 characters）`],
    ['Chinese counts per character', '专'.repeat(40), `${'专'.repeat(32)}…（共 40 个字符 / 40 characters）`],
    ['a lone high surrogate counts as one', `${A32}\ud83d`, `${A32}…（共 33 个字符 / 33 characters）`],
  ])('%s', (_name, value, shown) => {
    expect(echoInput(value)).toBe(shown);
  });

  it.each([
    ['a number', 12345, '12345'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['an object', { a: 1 }, '[object Object]'],
  ])('%s is shown through String()', (_name, value, shown) => {
    expect(echoInput(value)).toBe(shown);
  });

  it('a 1,000,000-character value becomes 32 characters and its length', () => {
    const shown = echoInput('X'.repeat(1_000_000));
    expect(shown).toBe(`${'X'.repeat(32)}…（共 1000000 个字符 / 1000000 characters）`);
  });

  it('takes another bound', () => {
    expect(echoInput('abcdef', 6)).toBe('abcdef');
    expect(echoInput('abcdefg', 6)).toBe('abcdef…（共 7 个字符 / 7 characters）');
  });
});

describe('messages that repeat a 1,000,000-character input stay short', () => {
  const huge = 'Z'.repeat(1_000_000);
  const thrown = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e as AppError;
    }
    throw new Error('did not throw');
  };

  it('parseId', () => {
    const err = thrown(() => parseId(huge, 'id'));
    expect(err.message).toBe(`id 不是有效的 ID：${'Z'.repeat(32)}…（共 1000000 个字符 / 1000000 characters） (expected a UUID)`);
    expect(err.details).toEqual({ field: 'id' });
  });

  it.each([
    ['industry code', describeIndustryCodeProblem, '收到 1000000 个字符'],
    ['region code', describeRegionCodeProblem, '收到 1000000 个字符'],
  ])('%s: a malformed code is not repeated, its length is', (_name, describe, fragment) => {
    const problem = describe(huge)!;
    expect(problem).toContain(fragment);
    expect(problem).not.toContain('ZZ');
    expect(problem.length).toBeLessThan(200);
  });

  it('a well-formed but unknown industry code is still named', () => {
    expect(describeIndustryCodeProblem('C99')).toContain('行业代码 "C99" 不存在');
  });
});

describe('boundedMessage and the error formatter: the net under every message', () => {
  const huge = 'Q'.repeat(1_000_000);
  const gql = `Variable "$i" got invalid value "${huge}" at "i.tier"; Value "${huge}" does not exist in "EnterpriseTier" enum.`;

  it("shortens each quoted value in graphql-js' messages and leaves short ones", () => {
    const q = `${'Q'.repeat(32)}…（共 1000000 个字符 / 1000000 characters）`;
    expect(boundedMessage(gql, true)).toBe(`Variable "$i" got invalid value "${q}" at "i.tier"; Value "${q}" does not exist in "EnterpriseTier" enum.`);
    expect(boundedMessage('Value "X\\"Y" does not exist in "T" enum.', true)).toBe('Value "X\\"Y" does not exist in "T" enum.');
  });

  it(`leaves quoted schema names alone: up to ${QUOTED_NAME_MAX_CHARS} characters are kept, one more is a value`, () => {
    const coordinate = 'Field "EnterpriseTierFactsInput.selfDevelopedInventionPatents" is not defined.';
    expect(boundedMessage(coordinate, true)).toBe(coordinate);
    const atBound = `Value "${'V'.repeat(QUOTED_NAME_MAX_CHARS)}" does not exist.`;
    expect(boundedMessage(atBound, true)).toBe(atBound);
    expect(boundedMessage(`Value "${'V'.repeat(QUOTED_NAME_MAX_CHARS + 1)}" does not exist.`, true)).toBe(
      `Value "${'V'.repeat(32)}…（共 ${QUOTED_NAME_MAX_CHARS + 1} 个字符 / ${QUOTED_NAME_MAX_CHARS + 1} characters）" does not exist.`,
    );
  });

  it(`cuts any message to ${MAX_ERROR_MESSAGE_CHARS} characters, with its length`, () => {
    expect(boundedMessage('短'.repeat(MAX_ERROR_MESSAGE_CHARS))).toBe('短'.repeat(MAX_ERROR_MESSAGE_CHARS));
    const cut = boundedMessage(`unquoted ${huge}`);
    expect(cut).toBe(`unquoted ${'Q'.repeat(MAX_ERROR_MESSAGE_CHARS - 9)}…（共 1000009 个字符 / 1000009 characters）`);
  });

  const format = createErrorFormatter({ development: false, log: () => undefined });

  it("GraphQL's own BAD_USER_INPUT (variable coercion) leaves the server short", () => {
    const out = format({ message: gql, extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError(gql));
    expect(out.message.length).toBeLessThan(300);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('an AppError that forgot echoInput is cut by the net, keeping its code and field', () => {
    const err = badInput(`未知的值 ${huge}`, 'input.x');
    const out = format({ message: err.message }, new GraphQLError(err.message, { originalError: err, path: ['x'] }));
    expect(out.message.length).toBeLessThan(MAX_ERROR_MESSAGE_CHARS + 60);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.x' });
  });
});
