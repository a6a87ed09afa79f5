// ESLint flat config. Non type-checked typescript-eslint rules on purpose: type
// errors are caught by `npm run typecheck`, and lint stays fast (no program build).
import fs from 'node:fs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The `globals` package is not a dependency; these are the Node globals our
// plain JS files (this config, scripts) may touch. TS files don't need them:
// typescript-eslint turns `no-undef` off there because tsc already checks names.
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'global',
    'globalThis',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'TextDecoder',
    'AbortController',
    'AbortSignal',
    'fetch',
    'Request',
    'Response',
    'Headers',
    'performance',
    'crypto',
  ].map((name) => [name, 'readonly']),
);

// ------------------------------------------------------------------------------------------------
// Boundaries (issue 16): imports run one way, and a lib is entered only through its front door.
//  (a) libs/platform imports no domain lib and not the entity list;
//  (b) pure cores (libs/tiers/src, libs/matching/src/core, libs/codes, libs/calendar) import neither Nest nor TypeORM nor pg;
//  (c) apps/worker imports no GraphQL: not apps/api (resolvers, models, inputs, graphql/), nor the
//      GraphQL packages;
//  (d) code outside a lib imports it only through libs/<lib>/src/index.js (scripts/front-doors.mjs
//      rewrites deep imports and keeps the indexes complete); libs never import apps.
// Tests (test/) are exempt from (d): unit tests exercise a lib's internals on purpose.
// test/unit/architecture/boundaries.spec.ts proves each rule fires on a violation.
// Flat config does not merge one rule's options across blocks, so each block below carries the whole
// list for its files (restrictedImports()); later blocks override earlier ones for the same file.
const LIBS = fs
  .readdirSync(new URL('./libs/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(new URL(`./libs/${d.name}/src/`, import.meta.url)))
  .map((d) => d.name)
  .sort();
const DOMAIN_LIBS = LIBS.filter((lib) => lib !== 'platform');
const oneOf = (names) => `(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
// relative specifiers only: '../../identity/src/x.js' (from a lib), '../../../libs/identity/src/x.js' (from apps)
const UP = '^(?:\\.{1,2}/)+(?:libs/)?';

const BOUNDARY = {
  internals: (libs) => ({
    regex: `${UP}${oneOf(libs)}/src/(?!index\\.js$)`,
    message: "Another lib's internals: import its front door (libs/<lib>/src/index.js); scripts/front-doors.mjs rewrites these.",
  }),
  apps: {
    regex: '^(?:\\.{1,2}/)+apps/',
    message: 'Libs never import apps: imports run one way, apps → libs.',
  },
  domain: {
    regex: `${UP}(?:${oneOf(DOMAIN_LIBS)}/src/|database-schema(?:\\.js)?$)`,
    message: 'libs/platform is the ground floor: it knows no domain lib and no entity list (they are passed in by the apps).',
  },
  pure: {
    regex: '^(?:@nestjs/|typeorm(?:/|$)|pg(?:/|$))',
    message: 'Pure core: no Nest, no TypeORM, no pg. Put the service, entity or module beside the core, not in it.',
  },
  graphql: {
    regex: '^(?:(?:\\.{1,2}/)+(?:apps/)?api/|@nestjs/graphql(?:/|$)|@nestjs/apollo(?:/|$)|@apollo/|graphql(?:-[a-z-]+)?(?:/|$)|@escape\\.tech/graphql-armor)',
    message: 'The worker never imports GraphQL code (apps/api, @nestjs/graphql, graphql): share it through a lib instead.',
  },
};
const restrictedImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const boundaries = [
  ...LIBS.map((lib) => ({
    files: [`libs/${lib}/**/*.{ts,mts,js,mjs}`],
    rules: restrictedImports(BOUNDARY.internals(LIBS.filter((l) => l !== lib)), BOUNDARY.apps),
  })),
  {
    files: ['libs/*.{ts,mts,js,mjs}'],
    rules: restrictedImports(BOUNDARY.internals(LIBS), BOUNDARY.apps),
  },
  {
    files: ['libs/platform/**/*.{ts,mts,js,mjs}'],
    rules: restrictedImports(BOUNDARY.domain, BOUNDARY.apps),
  },
  ...[
    ['tiers', 'libs/tiers/src/**/*.{ts,mts,js,mjs}'],
    ['matching', 'libs/matching/src/core/**/*.{ts,mts,js,mjs}'],
    ['codes', 'libs/codes/src/**/*.{ts,mts,js,mjs}'],
    ['calendar', 'libs/calendar/src/**/*.{ts,mts,js,mjs}'],
    ['rewards', 'libs/rewards/src/core/**/*.{ts,mts,js,mjs}'],
  ]
    .filter(([lib]) => LIBS.includes(lib))
    .map(([lib, glob]) => ({
      files: [glob],
      rules: restrictedImports(BOUNDARY.internals(LIBS.filter((l) => l !== lib)), BOUNDARY.apps, BOUNDARY.pure),
    })),
  {
    files: ['apps/**/*.{ts,mts,js,mjs}'],
    rules: restrictedImports(BOUNDARY.internals(LIBS)),
  },
  {
    files: ['apps/worker/**/*.{ts,mts,js,mjs}'],
    rules: restrictedImports(BOUNDARY.internals(LIBS), BOUNDARY.graphql),
  },
];

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '**/schema.gql'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: nodeGlobals,
    },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      // Nest idioms: modules are empty decorated classes, and injection happens
      // through constructors whose only content is parameter properties.
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-useless-constructor': 'off',
      '@typescript-eslint/no-useless-constructor': 'off',
      // TypeORM types entity and migration lists as `Function` (MixedList<Function | string>),
      // so code that passes them around mirrors its API; keep it visible, not fatal.
      '@typescript-eslint/no-unsafe-function-type': 'warn',
      // `interface FooInput extends Base {}` is a common way to name a shape.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // New in ESLint 10's recommended set. Attaching `{ cause }` is the right
      // habit, but mapping a caught error to a domain error without it is common
      // enough that it should not fail CI.
      'preserve-caught-error': 'warn',
    },
  },
  ...boundaries,
);
