import type { Context } from 'hono';
import type { FieldError } from './errors.js';

const PROBLEM_TYPE_BASE = 'https://samverka.se/problems/';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { pointer: string; detail: string }[];
}

/** An RFC 9457 problem details response. */
export function problem(c: Context, status: number, code: string, title: string, detail?: string, fieldErrors: FieldError[] = []): Response {
  const body: Problem = { type: PROBLEM_TYPE_BASE + code, title, status };
  if (detail) body.detail = detail;
  body.instance = new URL(c.req.url).pathname;
  if (fieldErrors.length) body.errors = fieldErrors.map((e) => ({ pointer: '/' + e.field.replace(/\./g, '/'), detail: e.message }));
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });
}
