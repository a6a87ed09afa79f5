import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { buildSchema, printSchema, resolveSchemaCoordinate, type GraphQLSchema } from 'graphql';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../..');

/** `Query.listings(after:)` → `Query.listings.after`, the dotted form graphql-inspector uses in `path`. */
function dotted(coordinate: string): string {
  return coordinate.replace(/\((\w+):\)$/, '.$1');
}

function readPending(): string[] {
  return readFileSync(join(here, 'pending.txt'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

function exists(schema: GraphQLSchema, coordinate: string): boolean {
  try {
    return resolveSchemaCoordinate(schema, coordinate) !== undefined;
  } catch {
    return false; // the containing type is missing
  }
}

/** The coordinate a change is about; root-type changes carry no path. */
function changeCoordinate(change: Change): string | undefined {
  if (change.path) return change.path;
  const meta = (change.meta ?? {}) as Record<string, unknown>;
  const root = meta.oldSubscriptionTypeName ?? meta.oldMutationTypeName ?? meta.oldQueryTypeName;
  return typeof root === 'string' ? root : undefined;
}

/** BREAKING changes that no pending coordinate covers (a coordinate covers itself and its children). */
function uncovered(changes: Change[], pending: string[]): string[] {
  const prefixes = pending.map(dotted);
  return changes
    .filter((c) => c.criticality.level === CriticalityLevel.Breaking)
    .filter((c) => {
      const at = changeCoordinate(c);
      return at === undefined || !prefixes.some((p) => at === p || at.startsWith(`${p}.`));
    })
    .map((c) => `${changeCoordinate(c) ?? '(no path)'}: ${c.message}`);
}

let app: TestApp;
let server: GraphQLSchema;

beforeAll(async () => {
  // The schema exactly as served: the booted app's own, built from the code-first resolvers.
  app = await startTestApp({ withWorkers: false });
  server = app.started.app.get(GraphQLSchemaHost).schema;
});
afterAll(async () => {
  await app?.close();
});

describe('the server schema against the public contract', () => {
  const contract = buildSchema(readFileSync(join(here, 'schema.graphql'), 'utf8'));
  const pending = readPending();

  it('lists each pending coordinate once, and only coordinates of the contract', () => {
    // Empty once the whole contract is served.
    expect(pending.filter((c, i) => pending.indexOf(c) !== i)).toEqual([]);
    const notInContract = pending.filter((c) => !exists(contract, c));
    expect({ notInContract }).toEqual({ notInContract: [] });
  });

  it('has no breaking difference from the contract outside pending.txt', async () => {
    const changes = await diff(contract, server);
    const breaking = uncovered(changes, pending);
    // Either the server broke the contract, or an issue needs its coordinates listed in pending.txt.
    expect({ breaking }).toEqual({ breaking: [] });
  });

  it('fails when pending.txt still lists a coordinate the server already has (the list only shrinks)', () => {
    const implemented = pending.filter((c) => exists(server, c));
    // Delete these lines from test/contract/pending.txt.
    expect({ implemented }).toEqual({ implemented: [] });
  });

  it('catches a breaking change that pending.txt does not cover (self-check of the checker)', async () => {
    const withoutMe = buildSchema(printSchema(server).replace(/^(\s*"""[^\n]*"""\n)?\s*me: User!\n/m, '') /* the field and its one-line description */);
    expect(exists(withoutMe, 'Query.me')).toBe(false);
    const baseline = new Set(uncovered(await diff(contract, server), pending));
    const breaking = uncovered(await diff(contract, withoutMe), pending).filter((b) => !baseline.has(b));
    expect(breaking).toEqual([expect.stringMatching(/^Query\.me: /)]);
    expect(uncovered(await diff(contract, withoutMe), [...pending, 'Query.me']).filter((b) => !baseline.has(b))).toEqual([]);
  });
});

describe('the committed schema.gql', () => {
  it('matches the schema the server builds (regenerate: run the app once with NODE_ENV=development, e.g. `npm start`)', async () => {
    const file = join(repoRoot, 'schema.gql');
    expect(existsSync(file)).toBe(true);
    const committed = buildSchema(readFileSync(file, 'utf8'));
    // Nest writes the file in development (autoSchemaFile + sortSchema); compare meaning, not layout.
    // Both sides go through SDL, so scalar @specifiedBy is compared as printed rather than as object state.
    const changes = (await diff(committed, buildSchema(printSchema(server)))).map((c) => `${c.criticality.level} ${c.path ?? ''}: ${c.message}`);
    expect({ changes }).toEqual({ changes: [] });
  });
});
