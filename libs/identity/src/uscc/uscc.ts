/**
 * 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015 with 修改单 No.1).
 *
 * Layout: pos 1 登记管理部门, pos 2 机构类别, pos 3-8 GB/T 2260 region of the
 * registering authority, pos 9-17 组织机构代码 (GB 11714, its 9th char being its
 * own check char), pos 18 check char (ISO 7064 style, mod 31).
 *
 * The region part is deliberately NOT checked against a region table here: it
 * records where the entity was registered, which may be a code that has since
 * been retired (e.g. 330283), so region policy belongs to the caller.
 */

export type UsccCheck = { ok: true } | { ok: false; reason: string };

/** The 31 symbols of GB 32100; I, O, Z, S, V are left out to avoid confusion with 1, 0, 2, 5, U. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const USCC_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Wᵢ = 3^(i−1) mod 31, i = 1..17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * 登记管理部门 → allowed 机构类别. The 12-authority table used in practice
 * (DOMAIN.md §6.1); the original 2015 text only had 1, 5, 9 and Y.
 */
const AUTHORITY_CATEGORIES: ReadonlyMap<string, { name: string; categories: string }> = new Map([
  ['1', { name: '机构编制', categories: '1239' }],
  ['2', { name: '外交', categories: '19' }],
  ['3', { name: '司法行政', categories: '123459' }],
  ['4', { name: '文化', categories: '19' }],
  ['5', { name: '民政', categories: '1239' }],
  ['6', { name: '旅游', categories: '129' }],
  ['7', { name: '宗教', categories: '129' }],
  ['8', { name: '工会', categories: '19' }],
  ['9', { name: '工商/市场监管', categories: '123' }],
  ['A', { name: '中央军委改革和编制办公室', categories: '19' }],
  ['N', { name: '农业', categories: '1239' }],
  ['Y', { name: '其他', categories: '1' }],
]);

/**
 * Normalises user input for {@link validateUscc}: trims surrounding whitespace
 * and upper-cases, because codes are routinely copied from licences and web
 * pages with stray spaces or typed in lower case.
 */
export function normalizeUscc(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * Computes the 18th (check) character of a USCC from its first 17 characters.
 *
 * @throws RangeError if `first17` is not 17 characters from the USCC alphabet.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`usccCheckChar expects 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = USCC_ALPHABET.indexOf(first17[i]);
    if (value < 0) {
      throw new RangeError(`usccCheckChar: illegal character '${first17[i]}' at position ${i + 1}`);
    }
    sum += value * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Computes the 9th (check) character of a GB 11714 组织机构代码 from its
 * first 8 characters (digits = 0–9, A–Z = 10–35). Result is 0–9 or X.
 *
 * @throws RangeError if `first8` is not 8 digits / upper-case letters.
 */
export function orgCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError(`orgCodeCheckChar expects 8 digits or upper-case letters, got '${first8}'`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    // parseInt base 36 gives exactly the GB 11714 values: '0'–'9' → 0–9, 'A'–'Z' → 10–35.
    sum += Number.parseInt(first8[i], 36) * ORG_CODE_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/**
 * Validates a USCC exactly as given: length, character set, 登记管理部门/机构类别
 * table, the embedded 组织机构代码 check char and the final check char. Input is
 * not normalised (run {@link normalizeUscc} first), so that stored values are
 * guaranteed canonical. On failure `reason` names the first problem found, in
 * Chinese and English, phrased so the user can fix it.
 */
export function validateUscc(value: string): UsccCheck {
  if (value.length !== 18) {
    const trimmed = value.trim();
    if (trimmed.length === 18 && trimmed !== value) {
      return fail(
        '统一社会信用代码首尾含有空格，请去除空格 (USCC has leading or trailing whitespace; remove it)',
      );
    }
    return fail(
      `统一社会信用代码应为 18 位，实际为 ${value.length} 位 (USCC must be 18 characters, got ${value.length})`,
    );
  }

  if (!USCC_FORMAT.test(value)) return fail(describeFormatProblem(value));

  const authority = AUTHORITY_CATEGORIES.get(value[0]);
  if (authority === undefined) {
    return fail(
      `登记管理部门代码“${value[0]}”不存在 (unknown registration authority code '${value[0]}' at position 1)`,
    );
  }
  if (!authority.categories.includes(value[1])) {
    const allowed = authority.categories.split('').join('、');
    return fail(
      `登记管理部门“${value[0]}”（${authority.name}）下不存在机构类别代码“${value[1]}”，可用类别为 ${allowed} ` +
        `(unknown organisation category '${value[1]}' for registration authority '${value[0]}'; allowed: ${authority.categories.split('').join(', ')})`,
    );
  }

  const orgExpected = orgCodeCheckChar(value.slice(8, 16));
  if (value[16] !== orgExpected) {
    return fail(
      `统一社会信用代码第 9–17 位（组织机构代码）校验位错误：应为 ${orgExpected}，实际为 ${value[16]} ` +
        `(embedded organisation code check character mismatch at position 17: expected ${orgExpected}, got ${value[16]})`,
    );
  }

  const expected = usccCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return fail(
      `统一社会信用代码校验位错误：应为 ${expected}，实际为 ${value[17]} (USCC check digit mismatch: expected ${expected}, got ${value[17]})`,
    );
  }
  return { ok: true };
}

/**
 * Builds a valid USCC from authority+category (e.g. `91`), a 6-digit GB/T 2260
 * region code and the first 8 characters of the 组织机构代码; both check
 * characters are computed.
 *
 * @throws RangeError if any part is malformed or the prefix is not in the
 *   authority/category table.
 */
export function makeUscc(prefix2: string, regionCode: string, orgCodeBody8: string): string {
  if (prefix2.length !== 2 || !AUTHORITY_CATEGORIES.get(prefix2[0])?.categories.includes(prefix2[1])) {
    throw new RangeError(`makeUscc: unknown authority/category prefix '${prefix2}'`);
  }
  if (!/^\d{6}$/.test(regionCode)) {
    throw new RangeError(`makeUscc: region code must be 6 digits, got '${regionCode}'`);
  }
  if (!/^[0-9A-HJ-NPQRTUWXY]{8}$/.test(orgCodeBody8)) {
    throw new RangeError(
      `makeUscc: org-code body must be 8 digits or upper-case letters other than I, O, Z, S, V, got '${orgCodeBody8}'`,
    );
  }
  const first17 = prefix2 + regionCode + orgCodeBody8 + orgCodeCheckChar(orgCodeBody8);
  return first17 + usccCheckChar(first17);
}

function fail(reason: string): UsccCheck {
  return { ok: false, reason };
}

/** Pinpoints the first offending character so the user knows exactly what to retype. */
function describeFormatProblem(value: string): string {
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i];
    const pos = i + 1;
    if (pos >= 3 && pos <= 8) {
      if (!/\d/.test(ch)) {
        return (
          `统一社会信用代码第 ${pos} 位为“${ch}”，第 3–8 位（登记管理机关行政区划码）只能是数字 ` +
          `(USCC position ${pos} is '${ch}'; positions 3-8 hold the region code and must be digits)`
        );
      }
      continue;
    }
    if (USCC_ALPHABET.includes(ch)) continue;
    if (USCC_ALPHABET.includes(ch.toUpperCase())) {
      return (
        `统一社会信用代码第 ${pos} 位“${ch}”为小写字母，请使用大写字母 ` +
        `(USCC contains lower-case letter '${ch}' at position ${pos}; use upper case)`
      );
    }
    return (
      `统一社会信用代码第 ${pos} 位含非法字符“${ch}”：只允许数字和除 I、O、Z、S、V 以外的大写字母 ` +
      `(USCC contains illegal character '${ch}' at position ${pos}; only digits and upper-case letters except I, O, Z, S, V are allowed)`
    );
  }
  // Unreachable while USCC_FORMAT and the loop above agree; kept so a future edit cannot yield an empty reason.
  return '统一社会信用代码格式不正确 (USCC format is invalid)';
}
