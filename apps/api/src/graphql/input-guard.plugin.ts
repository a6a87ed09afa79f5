import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import { fieldTextProblem, textProblemMessage, type TextProblem } from '../../../../libs/platform/src/index.js';

/** No input type of the schema nests deeper than this; JSON nested further is an attack. */
export const MAX_VARIABLE_DEPTH = 12;
/** The longest list any input takes (lists of years, codes, tags) is far below this. */
export const MAX_LIST_ITEMS = 1_000;

export interface InputProblem {
  /** The input field or argument concerned (last name on its path). */
  field: string;
  reason: 'nul' | 'depth' | 'list' | TextProblem;
}

/**
 * The first problem in a variables object, walking it without recursion (hostile JSON can nest
 * thousands of levels): a NUL character in a string, another control character, a bidi override or
 * an ANSI escape (text hygiene, libs/platform), nesting deeper than MAX_VARIABLE_DEPTH, or a list
 * longer than MAX_LIST_ITEMS.
 */
export function inspectVariables(variables: Record<string, unknown>): InputProblem | undefined {
  const stack: Array<{ value: unknown; field: string; depth: number }> = Object.entries(variables).map(([field, value]) => ({ value, field, depth: 1 }));
  while (stack.length > 0) {
    const { value, field, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { field, reason: 'nul' };
      const text = fieldTextProblem(field, value);
      if (text) return { field, reason: text };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_VARIABLE_DEPTH) return { field, reason: 'depth' };
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST_ITEMS) return { field, reason: 'list' };
      for (const item of value) stack.push({ value: item, field, depth: depth + 1 });
    } else {
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, field: key, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * What {@link nulInDocument} found, by document: Apollo keeps parsed documents (its document store,
 * keyed by the query's hash) and hands the same DocumentNode to every request of the same query, so
 * a document is walked once, not on every request. Weak: a document Apollo drops is dropped here too.
 */
const documentProblems = new WeakMap<DocumentNode, InputProblem | null>();

/** A NUL character, or text hygiene problem, written inline in the document: the argument or input field it is in. */
export function nulInDocument(document: DocumentNode): InputProblem | undefined {
  const known = documentProblems.get(document);
  if (known !== undefined) return known ?? undefined;
  const found = walkDocument(document);
  documentProblems.set(document, found ?? null);
  return found;
}

function walkDocument(document: DocumentNode): InputProblem | undefined {
  let found: InputProblem | undefined;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (found) return;
      const named = [...ancestors, parent].reverse().find((a): a is ASTNode => !Array.isArray(a) && ((a as ASTNode).kind === Kind.ARGUMENT || (a as ASTNode).kind === Kind.OBJECT_FIELD));
      const field = named && 'name' in named && named.name ? named.name.value : 'query';
      if (node.value.includes('\u0000')) found = { field, reason: 'nul' };
      else {
        const text = fieldTextProblem(field, node.value);
        if (text) found = { field, reason: text };
      }
    },
  });
  return found;
}

const MESSAGES: Record<'nul' | 'depth' | 'list', (field: string) => string> = {
  nul: (f) => `文本不能包含空字符 U+0000 (${f}: text may not contain the NUL character U+0000)`,
  depth: (f) => `输入嵌套过深 (${f}: variables nest deeper than ${MAX_VARIABLE_DEPTH} levels, which no input of this API takes)`,
  list: (f) => `列表过长，最多 ${MAX_LIST_ITEMS} 项 (${f}: a list may hold at most ${MAX_LIST_ITEMS} items)`,
};

/**
 * Refuses hostile input before anything runs, naming the field: NUL characters (PostgreSQL cannot
 * store U+0000 in text — they reached the database and came back as 500s), other control
 * characters, bidi overrides and ANSI escapes, line breaks in one-line fields, variables nested
 * deeper than any input type (their coercion overflowed the stack: 500), and huge lists.
 */
export function inputGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problem = inspectVariables(request.variables ?? {}) ?? nulInDocument(document);
          if (!problem) return;
          const limit = problem.reason === 'depth' || problem.reason === 'list' ? problem.reason : undefined;
          const message = problem.reason === 'nul' || limit ? MESSAGES[problem.reason as 'nul' | 'depth' | 'list'](problem.field) : textProblemMessage(problem.field, problem.reason as TextProblem);
          throw new GraphQLError(message, {
            extensions: { code: 'BAD_USER_INPUT', field: problem.field, limit, http: { status: 400 } },
          });
        },
      };
    },
  };
}
