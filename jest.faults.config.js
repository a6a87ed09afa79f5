/**
 * The fault suite (`npm run test:faults`): kills the app and restarts PostgreSQL and Redis, so it is
 * its own config that `npm test` never selects. It starts private servers itself (test/faults/services.ts)
 * and needs no global set-up. One file at a time: two at once (tried) were not faster on 2 cores
 * and made the measured figures depend on the neighbour.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] };

export default {
  displayName: 'faults',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/faults/**/*.fault.spec.ts'],
  maxWorkers: 1,
  testTimeout: 300_000,
};
