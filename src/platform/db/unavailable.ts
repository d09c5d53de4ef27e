/**
 * Tells errors that mean "the database cannot be reached right now" from every other
 * error. The app answers those with 503 and Retry-After, the worker waits and tries again,
 * and nothing else is hidden: a constraint violation or a bug stays a 500.
 *
 * PostgreSQL reports an outage with SQLSTATE class 08 (connection exception) and 57P01–
 * 57P03 (shut down by an administrator, crashed, starting up or shutting down); Node with
 * a system error code; node-postgres and its pool with a plain message and no code.
 */

/** How long a client is told to wait before trying again, in seconds (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;

const SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN']);
const DRIVER_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
]);

function isUnavailableItself(err: object): boolean {
  const { code, syscall, message } = err as { code?: unknown; syscall?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true;
    if (SQLSTATES.has(code) || NETWORK_CODES.has(code)) return true;
    // A missing Unix socket: the server is down (its socket file goes with it).
    if (code === 'ENOENT' && syscall === 'connect') return true;
  }
  // node-postgres throws these as plain Errors; an error of our own with the same words is not one
  return Object.getPrototypeOf(err) === Error.prototype && typeof message === 'string' && DRIVER_MESSAGES.has(message);
}

/** The error in the chain (itself, its cause, an AggregateError's errors) that says the database is unreachable. */
function unavailableError(err: unknown, depth = 0): object | undefined {
  if (!err || typeof err !== 'object' || depth > 5) return undefined;
  if (isUnavailableItself(err)) return err;
  const { cause, errors } = err as { cause?: unknown; errors?: unknown };
  const fromCause = unavailableError(cause, depth + 1);
  if (fromCause) return fromCause;
  if (!Array.isArray(errors)) return undefined;
  for (const e of errors) {
    const found = unavailableError(e, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** True when the error, or an error it wraps (cause, AggregateError), is the database being unreachable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return unavailableError(err) !== undefined;
}

/**
 * Why the database is unreachable, for logs: the code and message of the driver's or the
 * system's error, never the failed query's text and parameters that wrap it.
 */
export function unavailableReason(err: unknown): string | undefined {
  const found = unavailableError(err) as { code?: unknown; message?: unknown } | undefined;
  if (!found) return undefined;
  const code = typeof found.code === 'string' ? found.code : undefined;
  const message = typeof found.message === 'string' ? found.message : '';
  return code && !message.includes(code) ? `${code} ${message}`.trim() : message || code;
}
