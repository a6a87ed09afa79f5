import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  getNamedType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every element a reader of the schema meets: types, fields, input fields, arguments, enum values. */
function elements(schema: GraphQLSchema): Array<{ coordinate: string; description: string | null | undefined }> {
  const out: Array<{ coordinate: string; description: string | null | undefined }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    // Built-in scalars and introspection types are graphql-js's, described in English by the spec.
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    out.push({ coordinate: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push({ coordinate: `${type.name}.${field.name}`, description: field.description });
        for (const arg of 'args' in field ? field.args : []) {
          out.push({ coordinate: `${type.name}.${field.name}(${arg.name}:)`, description: arg.description });
        }
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) out.push({ coordinate: `${type.name}.${value.name}`, description: value.description });
  }
  return out;
}

const CJK = /[\u3400-\u9fff]/;
/** Two English words in a row ("AUTHORITY only", "Set by"): where an English sentence starts. */
const ENGLISH_PHRASE = /[A-Za-z]{2,}[\s,.:;'’-]+[A-Za-z]{2,}/;
/** An English sentence opening with an article ("A 揭榜 challenge …"). */
const ENGLISH_ARTICLE = /^\s*(a|an|the)\s/i;

/**
 * Chinese first: the text holds Chinese, and it comes before any English phrase. Codes, units and
 * single terms may lead ("6 位行政区划代码", "Ⅰ类", "ISO9001 等", "true 接受").
 */
function chineseFirst(description: string): boolean {
  const chinese = description.search(CJK);
  const english = description.search(ENGLISH_PHRASE);
  return chinese >= 0 && (english < 0 || chinese < english) && !ENGLISH_ARTICLE.test(description);
}

/**
 * Units and ranges (issue 24 item 6): a field, input field or argument whose name says it holds a
 * rate, money, an area, a rent, working days or a page size must say its unit; inputs and arguments
 * must also say the allowed range (the bounds of libs/platform/src/bounds/plausible.ts).
 */
interface UnitRule {
  readonly name: string;
  readonly applies: (fieldName: string, typeName: string) => boolean;
  readonly unit: RegExp;
}
const RANGE = /\d[\d,]*\s*(–|-|～|~|至)\s*-?\d|[[(]\s*-?\d[\d,.]*\s*,|≥|≤|不超过|不早于|不晚于|之间|以内/;
const UNIT_RULES: UnitRule[] = [
  // A percentage (annual rates) or a ratio stated as a fraction 0–1 (acceptance rates): either way the unit is said.
  { name: 'rate in %', applies: (f, t) => /rate/i.test(f) && !/ratings?$|rateType/i.test(f) && t === 'Float', unit: /%|小数 0–1/ },
  {
    name: 'money in 元',
    applies: (f, t) => t === 'SafeInt' && /amount|price|budget|revenue|quote|expense|profit|assets|liabilities|financing|value|yuan/i.test(f),
    unit: /元/,
  },
  { name: 'area in m²', applies: (f, t) => /area/i.test(f) && /sqm/i.test(f) && t === 'Float', unit: /m²/ },
  { name: 'rent in 元/m²·天', applies: (f) => /rentPerSqmDay/i.test(f), unit: /元\/m²·天/ },
  { name: 'working days', applies: (f) => /workingDays/i.test(f), unit: /工作日/ },
  { name: 'page size', applies: (f, t) => f === 'first' && t === 'Int', unit: /1\s*[–-]\s*\d+/ },
];
/** Dates a caller writes that have a window around today (DATE_WINDOWS). */
const WINDOWED_DATES = /^(availableFrom|applyBy|completionDeadline|foundedOn|mainBusinessSince)$/;

function unitProblems(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  const checkOne = (coordinate: string, name: string, type: GraphQLType, description: string | null | undefined, isInput: boolean) => {
    const typeName = getNamedType(type).name;
    for (const rule of UNIT_RULES) {
      if (!rule.applies(name, typeName)) continue;
      if (!rule.unit.test(description ?? '')) out.push(`${coordinate}: no unit (${rule.name})`);
      else if (isInput && rule.name !== 'working days' && !RANGE.test(description ?? '')) out.push(`${coordinate}: no allowed range`);
    }
    if (isInput && typeName === 'Date' && WINDOWED_DATES.test(name) && !RANGE.test(description ?? '')) out.push(`${coordinate}: no allowed window`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        checkOne(`${type.name}.${field.name}`, field.name, field.type, field.description, isInputObjectType(type));
        for (const arg of 'args' in field ? field.args : []) checkOne(`${type.name}.${field.name}(${arg.name}:)`, arg.name, arg.type, arg.description, true);
      }
    }
  }
  return out;
}

function undescribed(schema: GraphQLSchema): string[] {
  return elements(schema)
    .filter((e) => !e.description?.trim())
    .map((e) => e.coordinate);
}

function notChineseFirst(schema: GraphQLSchema): string[] {
  return elements(schema)
    .filter((e) => e.description?.trim() && !chineseFirst(e.description))
    .map((e) => `${e.coordinate}: ${e.description!.split('\n')[0]}`);
}

describe('the checker (both sides of each rule)', () => {
  const sdl = `
    """查询入口"""
    type Query {
      """已说明"""
      described(
        """参数说明"""
        a: Int
        b: Int
      ): Thing
      bare: Int
    }
    type Thing { x: Int }
    """梯度"""
    enum Tier {
      """创新型中小企业"""
      INNOVATIVE_SME
      NONE
    }
    input Filter {
      """  """
      blank: String
    }
    scalar Money
  `;

  it('lists every type, field, argument, enum value and input field without a description, and nothing else', () => {
    expect(undescribed(buildSchema(sdl)).sort()).toEqual(['Filter', 'Filter.blank', 'Money', 'Query.bare', 'Query.described(b:)', 'Thing', 'Thing.x', 'Tier.NONE'].sort());
  });

  it('skips the built-in scalars and the introspection types', () => {
    const coordinates = elements(buildSchema('"""查询"""\ntype Query { """字段""" s(id: ID """标志""" f: Boolean): String }')).map((e) => e.coordinate);
    expect(coordinates.filter((c) => /^(String|Int|Float|Boolean|ID|__)/.test(c))).toEqual([]);
    expect(coordinates).toContain('Query.s(id:)');
  });

  it('units and ranges: names the field without its unit, the input without its range, and nothing else', () => {
    const withUnits = buildSchema(`
      scalar SafeInt
      scalar Date
      type Query {
        p(first: Int, f2: Int): P
      }
      type P {
        "最低年利率，单位：%" annualRateMin: Float
        "最高年利率" annualRateMax: Float
        "评分 1–5" rating: Int
        "金额，单位：元" amount: SafeInt
        "预算" budget: SafeInt
        "面积，单位：m²" areaSqm: Float
        "租金" rentPerSqmDay: Float
      }
      input I {
        "年利率，单位：%，(0, 24]" annualRateMin: Float
        "年利率，单位：%" annualRateMax: Float
        "可入驻日期" availableFrom: Date
        "可入驻日期，一年前至五年后 之间" applyBy: Date
      }
      type Mutation { m(i: I, "条数" first: Int): Int }
    `);
    expect(unitProblems(withUnits).sort()).toEqual(
      [
        'P.annualRateMax: no unit (rate in %)',
        'P.budget: no unit (money in 元)',
        'P.rentPerSqmDay: no unit (rent in 元/m²·天)',
        'Query.p(first:): no unit (page size)',
        'I.annualRateMax: no allowed range',
        'I.availableFrom: no allowed window',
        'Mutation.m(first:): no unit (page size)',
      ].sort(),
    );
  });

  it.each([
    ['营业收入，单位：元 (operating revenue, yuan)', true],
    ['6 位行政区划代码，如 330281 (region code)', true],
    ['Ⅰ类知识产权，单位：件', true],
    ['true 接受，false 婉拒 (true accepts, false declines)', true],
    ['GB/T 4754 行业代码', true],
    ['AUTHORITY only: 审核通过 (verify)', false],
    ['Set by an AUTHORITY after review; only verified organizations can publish.', false],
    ['A 揭榜 challenge posted (发榜) by an anchor enterprise.', false],
    ['0..100', false],
  ])('Chinese first: %s → %s', (text, expected) => {
    expect(chineseFirst(text)).toBe(expected);
  });
});

describe('the committed schema.gql (regenerate it after a schema change, see README)', () => {
  const schema = buildSchema(readFileSync(join(repoRoot, 'schema.gql'), 'utf8'));

  it('has a description on every type, field, argument, enum value and input field', () => {
    expect({ undescribed: undescribed(schema) }).toEqual({ undescribed: [] });
  });

  it('starts every description in Chinese', () => {
    expect({ notChineseFirst: notChineseFirst(schema) }).toEqual({ notChineseFirst: [] });
  });

  it('says the unit of every rate, amount, area, rent, working-day count and page size, and the allowed range of inputs', () => {
    expect({ unitProblems: unitProblems(schema) }).toEqual({ unitProblems: [] });
  });

  it('describes the root types', () => {
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      expect(root?.description).toMatch(CJK);
    }
  });
});
