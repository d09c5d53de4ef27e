import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A pg client that runs every parameterised query as a named prepared statement, named by
 * a hash of its text. PostgreSQL then parses and plans a statement once per connection
 * instead of on every call: the pages send the same few dozen statements again and again,
 * and planning was most of the database's work per request. Queries without parameters
 * (migrations, DDL, LISTEN) and very long or very wide ones stay unnamed, so the number
 * of statements kept per connection stays small.
 */

const MAX_TEXT = 16_000;
const MAX_VALUES = 200;
const names = new Map<string, string>();

/** The statement name of a query text ("s" and 24 hex digits of its SHA-1). */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size > 5_000) names.clear();
    names.set(text, name);
  }
  return name;
}

type QueryConfig = { text?: unknown; values?: unknown; name?: unknown; submit?: unknown };

/** Adds a statement name to a parameterised query config; leaves anything else as it is. */
export function withStatementName(config: unknown, values?: unknown): unknown {
  if (typeof config === 'string') {
    if (!Array.isArray(values) || values.length === 0 || values.length > MAX_VALUES || config.length > MAX_TEXT) return config;
    return { text: config, values, name: statementName(config) };
  }
  if (!config || typeof config !== 'object') return config;
  const c = config as QueryConfig;
  if (typeof c.submit === 'function' || c.name || typeof c.text !== 'string') return config;
  const vals = Array.isArray(c.values) ? c.values : Array.isArray(values) ? values : undefined;
  if (!vals || vals.length === 0 || vals.length > MAX_VALUES || c.text.length > MAX_TEXT) return config;
  return { ...c, name: statementName(c.text) };
}

export class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [config, values, ...rest] = args;
    const named = withStatementName(config, values);
    // (text, values, callback?) that became one config object carries its values in it.
    const tail = typeof config === 'string' && named !== config ? rest : args.slice(1);
    return (super.query as (...a: unknown[]) => never)(named, ...tail);
  }
}
