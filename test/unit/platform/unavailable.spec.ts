import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { isServiceUnavailable } from '../../../libs/platform/src/errors/unavailable.js';
import { createErrorFormatter } from '../../../apps/api/src/graphql/format-error.js';

/** What node-postgres and TypeORM throw while PostgreSQL restarts (seen by the fault suite). */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
const typeorm = (driverError: Error) => Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError, query: 'SELECT secret FROM t' });

describe('isServiceUnavailable', () => {
  it.each([
    ['admin shutdown (pg_ctl stop -m fast)', typeorm(pgError('57P01', 'terminating connection due to administrator command'))],
    ['starting up', pgError('57P03', 'the database system is starting up')],
    ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['every address refused', Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), { code: undefined })],
    ['socket dropped', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped as a cause', new Error('loading the actor failed', { cause: new Error('Connection terminated unexpectedly') })],
    ['context creation (loading the actor)', new GraphQLError('Context creation failed: connect ECONNREFUSED 127.0.0.1:5432', { originalError: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) })],
    ['a transaction whose connection died', Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' })],
    ['connection failure class 08', pgError('08006', 'connection failure')],
  ])('%s: yes', (_name, err) => expect(isServiceUnavailable(err)).toBe(true));

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a unique violation', typeorm(pgError('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error', typeorm(pgError('42601', 'syntax error at or near "SELEC"'))],
    ['nothing', undefined],
  ])('%s: no', (_name, err) => expect(isServiceUnavailable(err)).toBe(false));
});

describe('error formatter during an outage', () => {
  const logged: unknown[] = [];
  const format = createErrorFormatter({ development: false, log: (e) => logged.push(e) });

  it('answers SERVICE_UNAVAILABLE without the driver message or the SQL, and logs the cause', () => {
    const cause = typeorm(pgError('57P01', 'terminating connection due to administrator command'));
    const err = new GraphQLError(cause.message, { originalError: cause, path: ['listings'] });
    const out = format(err.toJSON(), err);
    expect(out.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(out.message).not.toMatch(/terminating|SELECT|administrator/);
    expect(out.path).toEqual(['listings']);
    expect(logged).toContain(cause);
  });

  it('still answers INTERNAL_SERVER_ERROR for a bug', () => {
    const cause = new TypeError('boom');
    const err = new GraphQLError(cause.message, { originalError: cause });
    expect(format(err.toJSON(), err).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
