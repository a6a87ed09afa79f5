import { expect } from '@jest/globals';
import type { GraphQLResponse } from './graphql-client.js';

/**
 * Asserts a refused operation: exactly one error with `code` (and `field` when given), a message a
 * person can read, no stack trace, and no data. Returns the error for further checks.
 */
export function expectError(res: GraphQLResponse, code: string, field?: string) {
  expect(res.errors).toHaveLength(1);
  const error = res.errors![0]!;
  expect(error.extensions?.code).toBe(code);
  if (field) expect(error.extensions?.field).toBe(field);
  expect(error.message.trim().length).toBeGreaterThan(0);
  expect(error.extensions).not.toHaveProperty('stacktrace');
  expect(res.data ?? null).toBeNull();
  return error;
}
