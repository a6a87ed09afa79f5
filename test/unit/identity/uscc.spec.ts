import { describe, it, expect } from '@jest/globals';

import {
  makeUscc,
  normalizeUscc,
  orgCodeCheckChar,
  usccCheckChar,
  validateUscc,
} from '../../../libs/identity/src/uscc/uscc.js';

/** Appends the correct final check char, so a case fails only for the reason under test. */
function withCheck(first17: string): string {
  return first17 + usccCheckChar(first17);
}

/** Worked examples from DOMAIN.md §6.1. */
const DOMAIN_EXAMPLES = ['91350100M000100Y43', '91110000600037341L', '9144030071526726XG'] as const;

describe('validateUscc', () => {
  it.each(DOMAIN_EXAMPLES)('accepts the DOMAIN.md example %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true });
  });

  it.each([
    ['机构编制 / 机关', '11', '330200', '00255712'],
    ['机构编制 / 事业单位', '12', '330200', '41916051'],
    ['民政 / 社会团体', '51', '330281', '50211935'],
    ['工商 / 个体工商户', '92', '330211', 'L0928345'],
    ['工商 / 农民专业合作社', '93', '330226', 'MA2CY5P7'],
    ['司法行政 / 仲裁委员会', '35', '330100', '77812056'],
    ['中央军委编制办 / 其他', 'A9', '110000', '00000001'],
    ['农业 / 村级', 'N2', '330282', 'J8830714'],
    ['其他', 'Y1', '440300', '12345678'],
  ])('accepts a well-formed code for %s', (_label, prefix, region, body) => {
    expect(validateUscc(makeUscc(prefix, region, body))).toEqual({ ok: true });
  });

  it.each([
    ['empty', '', '应为 18 位，实际为 0 位'],
    ['17 characters', '91350100M000100Y4', 'USCC must be 18 characters, got 17'],
    ['19 characters', '91350100M000100Y430', '应为 18 位，实际为 19 位'],
    ['15-digit legacy 注册号', '330281000123456', 'got 15'],
    ['trailing space', '91350100M000100Y43 ', '首尾含有空格'],
    ['leading space', ' 91350100M000100Y43', 'leading or trailing whitespace'],
  ])('rejects wrong length: %s', (_label, code, fragment) => {
    const result = validateUscc(code);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(fragment);
  });

  it.each([
    ['I', '91350100M0001I0Y43', '第 14 位含非法字符“I”'],
    ['O', '91350100M0001O0Y43', "illegal character 'O' at position 14"],
    ['Z', 'Z1350100M000100Y43', "illegal character 'Z' at position 1"],
    ['S', '91350100S000100Y43', '第 9 位含非法字符“S”'],
    ['V', '91350100M000100Y4V', "illegal character 'V' at position 18"],
    ['punctuation', '91350100M000-00Y43', "illegal character '-' at position 13"],
    ['full-width digit', '91350100M000100Y4３', '第 18 位含非法字符“３”'],
    ['Chinese character', '91350100M000100Y4三', '非法字符'],
  ])('rejects an illegal character (checked before any checksum): %s', (_label, code, fragment) => {
    const result = validateUscc(code);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(fragment);
    expect(!result.ok && result.reason).toContain('I, O, Z, S, V');
  });

  it.each([
    ['lower-case org code', '91350100m000100Y43', "lower-case letter 'm' at position 9"],
    ['lower-case check char', '9144030071526726Xg', '第 18 位“g”为小写字母，请使用大写字母'],
  ])('tells the user to upper-case: %s', (_label, code, fragment) => {
    const result = validateUscc(code);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(fragment);
  });

  it.each([
    ['letter', '913501A0M000100Y43', "position 7 is 'A'"],
    ['hyphen', '9135010-M000100Y43', '第 8 位为“-”，第 3–8 位（登记管理机关行政区划码）只能是数字'],
  ])('rejects a non-digit region part: %s', (_label, code, fragment) => {
    const result = validateUscc(code);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(fragment);
  });

  it.each([
    ['B', withCheck('B1350100M000100Y4')],
    ['0', withCheck('01350100M000100Y4')],
    ['C', withCheck('C1350100M000100Y4')],
  ])('rejects unknown registration authority %s', (authority, code) => {
    const result = validateUscc(code);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(`登记管理部门代码“${authority}”不存在`);
    expect(!result.ok && result.reason).toContain(`unknown registration authority code '${authority}'`);
  });

  it.each([
    ['9', '4', withCheck('94350100M000100Y4'), '1、2、3'],
    ['9', '0', withCheck('90350100M000100Y4'), '1、2、3'],
    ['1', '4', withCheck('14350100M000100Y4'), '1、2、3、9'],
    ['5', '4', withCheck('54350100M000100Y4'), '1、2、3、9'],
    ['Y', '2', withCheck('Y2350100M000100Y4'), '1'],
    ['2', '2', withCheck('22350100M000100Y4'), '1、9'],
  ])('rejects category %s%s that the authority does not have', (authority, category, code, allowed) => {
    const result = validateUscc(code);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(`下不存在机构类别代码“${category}”，可用类别为 ${allowed}`);
    expect(!result.ok && result.reason).toContain(
      `unknown organisation category '${category}' for registration authority '${authority}'`,
    );
  });

  it.each([
    ['91350100M000100Y5', '4', '5'],
    ['91110000600037342', '1', '2'],
    ['9111000060003734X', '1', 'X'],
    ['91440300715267260', 'X', '0'],
  ])('rejects %s? whose embedded org-code check char is wrong (check char itself correct)', (first17, expected, actual) => {
    const result = validateUscc(withCheck(first17));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(`组织机构代码）校验位错误：应为 ${expected}，实际为 ${actual}`);
    expect(!result.ok && result.reason).toContain(
      `embedded organisation code check character mismatch at position 17: expected ${expected}, got ${actual}`,
    );
  });

  it.each([
    ['91350100M000100Y44', '3', '4'],
    ['91110000600037341M', 'L', 'M'],
    ['9144030071526726X0', 'G', '0'],
    ['91330281MHDEM00170', '8', '0'],
  ])('rejects %s with a wrong final check char', (code, expected, actual) => {
    expect(validateUscc(code)).toEqual({
      ok: false,
      reason: `统一社会信用代码校验位错误：应为 ${expected}，实际为 ${actual} (USCC check digit mismatch: expected ${expected}, got ${actual})`,
    });
  });

  // The mod-31 check catches every single-character substitution; the swap used here keeps the character set valid.
  it.each(Array.from({ length: 18 }, (_, i) => i))('detects a typo at index %i of a valid code', (index) => {
    const code = '91350100M000100Y43';
    const replacement = code[index] === '1' ? '2' : '1';
    const typo = code.slice(0, index) + replacement + code.slice(index + 1);
    expect(validateUscc(typo).ok).toBe(false);
  });
});

describe('normalizeUscc', () => {
  it.each([
    ['91350100M000100Y43', '91350100M000100Y43'],
    ['  91350100m000100y43\n', '91350100M000100Y43'],
    ['\t9144030071526726xg ', '9144030071526726XG'],
  ])('normalises %j to %s', (input, expected) => {
    expect(normalizeUscc(input)).toBe(expected);
    expect(validateUscc(normalizeUscc(input))).toEqual({ ok: true });
  });
});

describe('usccCheckChar', () => {
  it.each([
    ['91350100M000100Y4', '3'],
    ['91110000600037341', 'L'],
    ['9144030071526726X', 'G'],
  ])('computes the check char of %s as %s', (first17, expected) => {
    expect(usccCheckChar(first17)).toBe(expected);
  });

  it.each([
    ['too short', '91350100M000100Y'],
    ['too long', '91350100M000100Y43'],
    ['illegal character', '91350100M000100I4'],
    ['lower case', '91350100m000100Y4'],
  ])('throws on %s input', (_label, input) => {
    expect(() => usccCheckChar(input)).toThrow(RangeError);
  });
});

describe('orgCodeCheckChar', () => {
  it.each([
    ['M000100Y', '4'],
    ['60003734', '1'],
    ['71526726', 'X'],
    ['00000000', '0'],
    ['MHDEM001', '7'],
  ])('computes the GB 11714 check char of %s as %s', (first8, expected) => {
    expect(orgCodeCheckChar(first8)).toBe(expected);
  });

  it.each([['1234567'], ['123456789'], ['m000100y'], ['M000-00Y']])('throws on %j', (input) => {
    expect(() => orgCodeCheckChar(input)).toThrow(RangeError);
  });
});

describe('makeUscc', () => {
  it.each([
    ['91', '350100', 'M000100Y', '91350100M000100Y43'],
    ['91', '110000', '60003734', '91110000600037341L'],
    ['91', '440300', '71526726', '9144030071526726XG'],
  ])('rebuilds the DOMAIN.md example from %s + %s + %s', (prefix, region, body, expected) => {
    expect(makeUscc(prefix, region, body)).toBe(expected);
  });

  it.each([
    ['unknown authority', 'B1', '330281', 'MHDEM001'],
    ['unknown category', '94', '330281', 'MHDEM001'],
    ['short prefix', '9', '330281', 'MHDEM001'],
    ['5-digit region', '91', '33028', 'MHDEM001'],
    ['non-digit region', '91', '33028A', 'MHDEM001'],
    ['short body', '91', '330281', 'MHDEM01'],
    ['body with I', '91', '330281', 'MIDEM001'],
    ['lower-case body', '91', '330281', 'mhdem001'],
  ])('throws on %s', (_label, prefix, region, body) => {
    expect(() => makeUscc(prefix, region, body)).toThrow(RangeError);
  });
});
