// ESLint flat config. Non type-checked typescript-eslint rules on purpose: type
// errors are caught by `npm run typecheck`, and lint stays fast (no program build).
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
);
