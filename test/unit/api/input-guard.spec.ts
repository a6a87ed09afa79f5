import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { MAX_LIST_ITEMS, MAX_VARIABLE_DEPTH, inspectVariables, nulInDocument } from '../../../apps/api/src/graphql/input-guard.plugin.js';

const nest = (levels: number, leaf: unknown = 'x'): unknown => {
  let v = leaf;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

describe('input guard: variables', () => {
  it.each([
    ['plain input', { i: { name: '余姚', years: [2024, 2025], note: null } }, undefined],
    ['NUL in a nested field', { i: { org: { name: 'a\u0000b' } } }, { field: 'name', reason: 'nul' }],
    ['NUL in a list item', { tags: ['ok', '\u0000'] }, { field: 'tags', reason: 'nul' }],
    ['other control characters are refused too (text hygiene)', { q: 'a\u0001b' }, { field: 'q', reason: 'control' }],
    ['tabs and line breaks pass in a long text', { i: { description: 'a\tb\r\nc' } }, undefined],
    ['a line break in a one-line field (title)', { i: { title: '标题\n第二行' } }, { field: 'title', reason: 'line-break' }],
    ['an ANSI escape in a name', { i: { organization: { name: '\u001b[31m余姚\u001b[0m' } } }, { field: 'name', reason: 'ansi' }],
    ['a bidi override in a message body', { body: '文件\u202Egpj.exe' }, { field: 'body', reason: 'bidi' }],
    ['passwords are left as typed', { i: { password: 'pass\u0001word-12345' } }, undefined],
    [`nesting at the limit (${MAX_VARIABLE_DEPTH})`, { i: nest(MAX_VARIABLE_DEPTH) }, undefined],
    ['nesting one past the limit', { i: nest(MAX_VARIABLE_DEPTH + 1) }, { field: 'i', reason: 'depth' }],
    ['hostile nesting (100,000 levels) without overflowing the stack', { i: nest(100_000) }, { field: 'i', reason: 'depth' }],
    [`a list of ${MAX_LIST_ITEMS}`, { k: Array(MAX_LIST_ITEMS).fill('A') }, undefined],
    [`a list of ${MAX_LIST_ITEMS + 1}`, { i: { k: Array(MAX_LIST_ITEMS + 1).fill('A') } }, { field: 'k', reason: 'list' }],
  ])('%s', (_label, variables, expected) => {
    expect(inspectVariables(variables as Record<string, unknown>)).toEqual(expected);
  });
});

describe('input guard: inline strings', () => {
  it.each([
    ['{ search(input: { query: "a\\u0000b" }) { total } }', { field: 'query', reason: 'nul' }],
    ['{ organization(id: "\\u0000") { id } }', { field: 'id', reason: 'nul' }],
    ['{ search(input: { query: "a\\u0001b" }) { total } }', { field: 'query', reason: 'control' }],
    ['{ search(input: { query: "余姚 专利" }) { total } }', undefined],
    ['{ me { id } }', undefined],
  ])('%s', (doc, expected) => {
    expect(nulInDocument(parse(doc))).toEqual(expected);
  });
});
