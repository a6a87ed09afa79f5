/**
 * The boundary rules of eslint.config.js (issue 16): each one fires on a violating import and stays quiet
 * on the legal one next to it. The snippets are linted as if they lived at `file`; the files need not exist.
 */
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

/** Messages of the boundary rule for one snippet. */
async function boundaryMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

type Case = [rule: string, file: string, code: string];

/** Which rule's message a violation must produce, by the first words of its label. */
const RULE_MESSAGES: [prefix: RegExp, message: string][] = [
  [/^platform/, 'libs/platform is the ground floor'],
  [/^(tiers|matching core)/, 'Pure core'],
  [/^worker → (apps\/api|@nestjs\/graphql|graphql)/, 'The worker never imports GraphQL'],
  [/^lib → app/, 'Libs never import apps'],
  [/./, "Another lib's internals"],
];
const messageFor = (rule: string) => RULE_MESSAGES.find(([prefix]) => prefix.test(rule))![1];

const violations: Case[] = [
  // (d) another lib's internals
  ['lib → lib internals', 'libs/enterprises/src/x.ts', "import { OrganizationEntity } from '../../identity/src/organizations/organization.entity.js';"],
  ['lib → lib internals, type only', 'libs/matching/src/sets/x.ts', "import type { Actor } from '../../../identity/src/access/access-policy.js';"],
  ['lib → lib internals, re-export', 'libs/listings/src/x.ts', "export { parseId } from '../../platform/src/errors/ids.js';"],
  ['app → lib internals', 'apps/api/src/identity/x.ts', "import { UserEntity } from '../../../../libs/identity/src/users/user.entity.js';"],
  ['worker → lib internals', 'apps/worker/src/x.ts', "import { SearchModule } from '../../../libs/search/src/search.module.js';"],
  ['entity list → lib internals', 'libs/database-schema.ts', "import { UserEntity } from './identity/src/users/user.entity.js';"],
  ['lib → app', 'libs/search/src/x.ts', "import { x } from '../../../apps/api/src/graphql/scalars.js';"],
  // (a) platform knows no domain lib, not even through its front door, and not the entity list
  ['platform → domain front door', 'libs/platform/src/queue/x.ts', "import { IdentityModule } from '../../../identity/src/index.js';"],
  ['platform → domain internals', 'libs/platform/src/x.ts', "import { MatchEntity } from '../../matching/src/sets/match.entity.js';"],
  ['platform → entity list', 'libs/platform/src/runtime/x.ts', "import { ENTITIES } from '../../../database-schema.js';"],
  // (b) pure cores
  ['tiers → Nest', 'libs/tiers/src/evaluator-extra.ts', "import { Injectable } from '@nestjs/common';"],
  ['tiers → TypeORM', 'libs/tiers/src/rule-sets/x.ts', "import { Entity } from 'typeorm';"],
  ['tiers → pg', 'libs/tiers/src/x.ts', "import pg from 'pg';"],
  ['matching core → Nest', 'libs/matching/src/core/scorer.ts', "import { InjectDataSource } from '@nestjs/typeorm';"],
  ['matching core → TypeORM', 'libs/matching/src/core/factors/x.ts', "import type { EntityManager } from 'typeorm';"],
  // (c) the worker and GraphQL
  ['worker → apps/api GraphQL', 'apps/worker/src/x.ts', "import { DateScalar } from '../../api/src/graphql/scalars.js';"],
  ['worker → @nestjs/graphql', 'apps/worker/src/processors/x.ts', "import { Resolver } from '@nestjs/graphql';"],
  ['worker → graphql', 'apps/worker/src/x.ts', "import { GraphQLError } from 'graphql';"],
];

const legal: Case[] = [
  ['lib → lib front door', 'libs/enterprises/src/x.ts', "import { OrganizationEntity } from '../../identity/src/index.js';"],
  ['lib → own internals', 'libs/enterprises/src/import/x.ts', "import { profileFacts } from '../profile-facts.js';"],
  ['app → lib front door', 'apps/api/src/identity/x.ts', "import { UserEntity } from '../../../../libs/identity/src/index.js';"],
  ['entity list → front door', 'libs/database-schema.ts', "import { UserEntity } from './identity/src/index.js';"],
  ['platform → platform', 'libs/platform/src/queue/x.ts', "import { AppError } from '../errors/app-error.js';"],
  ['platform → Nest', 'libs/platform/src/x.ts', "import { Module } from '@nestjs/common';"],
  ['tiers → own files', 'libs/tiers/src/x.ts', "import { evaluate } from './evaluator.js';"],
  ['matching services → Nest', 'libs/matching/src/sets/x.ts', "import { Injectable } from '@nestjs/common';"],
  ['worker → lib front door', 'apps/worker/src/x.ts', "import { SearchModule } from '../../../libs/search/src/index.js';"],
  ['api → GraphQL', 'apps/api/src/x.ts', "import { Resolver } from '@nestjs/graphql';"],
  ['test → lib internals (tests may test internals)', 'test/unit/x.spec.ts', "import { evaluate } from '../../libs/tiers/src/evaluator.js';"],
];

describe('eslint boundary rules', () => {
  it.each(violations)('fails on %s', async (rule, file, code) => {
    const messages = await boundaryMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(messageFor(rule));
  });

  it.each(legal)('allows %s', async (_rule, file, code) => {
    expect(await boundaryMessages(file, code)).toEqual([]);
  });
});
