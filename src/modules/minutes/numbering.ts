import type { Body } from '../structure/schema.js';
import type { Decision } from './schema.js';

/** "SAMS 2026:12": the body's short name (else its name), the year and the running number. */
export function decisionLabel(body: Pick<Body, 'name' | 'shortName'>, d: Pick<Decision, 'year' | 'number'>): string {
  return `${body.shortName?.trim() || body.name} ${d.year}:${d.number}`;
}
