import { DrizzleQueryError } from 'drizzle-orm/errors';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { isDatabaseUnavailable, unavailableReason } from './unavailable.js';

/** An error as PostgreSQL sends it (node-postgres' DatabaseError with its SQLSTATE). */
function serverError(code: string, message: string): Error {
  return Object.assign(new pg.DatabaseError(message, 0, 'error'), { code, severity: 'FATAL' });
}

/** An error as Node reports a failed socket. */
function systemError(code: string, syscall: string): Error {
  return Object.assign(new Error(`${syscall} ${code} 127.0.0.1:5432`), { code, syscall, errno: -1 });
}

/** What drizzle throws around the driver's error. */
const failedQuery = (cause: Error) => new DrizzleQueryError('select * from sessions where token_hash = $1', ['secret-hash'], cause);

describe('isDatabaseUnavailable', () => {
  it('knows the server going away: shut down, crashed, starting or stopping, connection exceptions', () => {
    for (const code of ['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']) {
      expect(isDatabaseUnavailable(serverError(code, 'gone')), code).toBe(true);
      expect(isDatabaseUnavailable(failedQuery(serverError(code, 'gone'))), `wrapped ${code}`).toBe(true);
    }
  });

  it('knows the network failing, also inside an AggregateError (several addresses tried)', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']) expect(isDatabaseUnavailable(systemError(code, 'connect')), code).toBe(true);
    const both = Object.assign(new AggregateError([systemError('ECONNREFUSED', 'connect'), systemError('ECONNREFUSED', 'connect')]), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(both)).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([new Error('x'), systemError('ECONNREFUSED', 'connect')]))).toBe(true);
  });

  it('knows a missing Unix socket, but not a missing file', () => {
    expect(isDatabaseUnavailable(systemError('ENOENT', 'connect'))).toBe(true);
    expect(isDatabaseUnavailable(systemError('ENOENT', 'open'))).toBe(false);
  });

  it("knows node-postgres' and its pool's own messages", () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
      'Client was closed and is not queryable',
    ])
      expect(isDatabaseUnavailable(failedQuery(new Error(message))), message).toBe(true);
  });

  it('hides nothing else: constraint and syntax errors, bugs, our own errors, a pool we ended', () => {
    expect(isDatabaseUnavailable(failedQuery(serverError('23505', 'duplicate key value violates unique constraint')))).toBe(false);
    expect(isDatabaseUnavailable(serverError('42601', 'syntax error'))).toBe(false);
    expect(isDatabaseUnavailable(serverError('53100', 'could not extend file: No space left on device'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(new AppError(409, 'conflict', 'Connection terminated unexpectedly'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Connection terminated'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot use a pool after calling end on the pool'))).toBe(false);
    for (const v of [undefined, null, 'ECONNREFUSED', 57, {}]) expect(isDatabaseUnavailable(v)).toBe(false);
  });

  it("gives the driver's reason for logs, never the query's text or parameters", () => {
    const reason = unavailableReason(failedQuery(serverError('57P01', 'terminating connection due to administrator command')));
    expect(reason).toBe('57P01 terminating connection due to administrator command');
    expect(unavailableReason(failedQuery(new Error('Connection terminated unexpectedly')))).toBe('Connection terminated unexpectedly');
    expect(unavailableReason(new Error('boom'))).toBeUndefined();
  });
});
