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
  type GraphQLSchema,
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

  it('describes the root types', () => {
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      expect(root?.description).toMatch(CJK);
    }
  });
});
