// What the benchmark measures. Each scenario is one request repeated by autocannon; later
// work adds scenarios here (a logged-in page can fill `prepare` with a session cookie).
import type { Database } from '../src/platform/db/client.js';
import { BENCH_BODY_ID, BENCH_STRUCTURE_SLUG, benchAdminCookie, generateMeetings } from './generate-meetings.js';
import { BENCH_LARGE_BODY_ID, BENCH_STRUCTURE, generateStructure } from './generate-structure.js';
import { BENCH_CASES_BODY_ID, BENCH_CASES_SLUG, BENCH_CASES_STRUCTURE_ID, benchCasesCookie, generateCases } from './generate-cases.js';
import { BENCH_MINUTES_MEETING_ID, generateMinutes } from './generate-minutes.js';

export interface BenchTarget {
  /** e.g. http://127.0.0.1:40123 */
  baseUrl: string;
  database: Database;
}

export interface Scenario {
  name: string;
  path: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** The status every request must get (default 200); anything else counts as an error. */
  status?: number;
  /** Runs once per target before the scenario, e.g. to create data or log in; may add headers. */
  prepare?: (target: BenchTarget) => Promise<{ headers?: Record<string, string> } | void>;
}

/** The bare Hono app's two pages (bench/bare.ts): the physical limit every scenario is read against. */
export const bareBaselines: Scenario[] = [
  { name: 'bare Hono: constant page', path: '/constant' },
  { name: 'bare Hono: one indexed query', path: '/indexed' },
];

/** The same two pages through Samverka's middleware: what the app itself costs per request. */
export const baselines: Scenario[] = [
  { name: 'app overhead: constant page', path: '/__bench/constant' },
  { name: 'app overhead: one indexed query', path: '/__bench/indexed' },
];

export const scenarios: Scenario[] = [
  { name: 'first page (/)', path: '/' },
  { name: 'principals list (/principals)', path: '/principals' },
  { name: 'API principals (/api/principals)', path: '/api/principals' },

  ...meetingScenarios(),
  ...structureScenarios(),
  ...caseScenarios(),
  ...minutesScenarios(),
];

/** The generated structure (500 bodies, 10,000 memberships); anonymous visitors. */
async function withStructure(target: BenchTarget) {
  await generateStructure(target.database);
}

/** The same, logged in as an administrator (who may manage every body). */
async function withStructureAdmin(target: BenchTarget) {
  await generateStructure(target.database);
  return { headers: { cookie: await benchAdminCookie(target.database) } };
}

function structureScenarios(): Scenario[] {
  return [
    { name: 'structures: overview, 500 bodies (/structures/:slug)', path: `/structures/${BENCH_STRUCTURE}`, prepare: withStructure },
    { name: 'structures: overview, page 6 of the tree (/structures/:slug?page=6)', path: `/structures/${BENCH_STRUCTURE}?page=6`, prepare: withStructure },
    { name: 'structures: body page, 1,000 memberships (/bodies/:id)', path: `/bodies/${BENCH_LARGE_BODY_ID}`, prepare: withStructure },
    { name: 'structures: body admin page, 10,000 memberships (/bodies/:id/admin)', path: `/bodies/${BENCH_LARGE_BODY_ID}/admin`, prepare: withStructureAdmin },
    { name: 'structures: body admin page 8 (/bodies/:id/admin?page=8)', path: `/bodies/${BENCH_LARGE_BODY_ID}/admin?page=8`, prepare: withStructureAdmin },
    { name: 'structures: body history page 10 (/bodies/:id/history?page=10)', path: `/bodies/${BENCH_LARGE_BODY_ID}/history?page=10`, prepare: withStructureAdmin },
    { name: 'structures: API body (/api/bodies/:id)', path: `/api/bodies/${BENCH_LARGE_BODY_ID}`, prepare: withStructure },
    { name: 'structures: people directory, 4,000 people (/people?page=40)', path: '/people?page=40', prepare: withStructureAdmin },
  ];
}

/** Logged in as an administrator over the generated meetings (10,000 in one structure). */
async function withMeetings(target: BenchTarget) {
  await generateMeetings(target.database);
  return { headers: { cookie: await benchAdminCookie(target.database) } };
}

function meetingScenarios(): Scenario[] {
  const year = new Date().getUTCFullYear();
  return [
    { name: "meetings: a body's year, ten years of meetings", path: `/bodies/${BENCH_BODY_ID}/meetings?year=${year}`, prepare: withMeetings },
    { name: "meetings: API, a body's year", path: `/api/bodies/${BENCH_BODY_ID}/meetings?year=${year}`, prepare: withMeetings },
    { name: 'meetings: structure list of 10,000, page 1', path: `/structures/${BENCH_STRUCTURE_SLUG}/meetings`, prepare: withMeetings },
    { name: 'meetings: structure list of 10,000, page 100', path: `/structures/${BENCH_STRUCTURE_SLUG}/meetings?page=100`, prepare: withMeetings },
    { name: 'meetings: API structure list, page 100', path: `/api/structures/${BENCH_STRUCTURE_SLUG}/meetings?page=100`, prepare: withMeetings },
  ];
}

/** 50,000 generated cases in one structure, read by a person with a role in it. */
async function withCases(target: BenchTarget) {
  await generateCases(target.database);
  return { headers: { cookie: await benchCasesCookie(target.database) } };
}

function caseScenarios(): Scenario[] {
  const filter = `phase=work&bodyId=${BENCH_CASES_BODY_ID}&page=2`;
  return [
    { name: 'cases: structure overview of 50,000, phase + body, page 2 of 50', path: `/structures/${BENCH_CASES_SLUG}/cases?${filter}`, prepare: withCases },
    { name: 'cases: structure overview of 50,000, unfiltered, page 1', path: `/structures/${BENCH_CASES_SLUG}/cases`, prepare: withCases },
    { name: 'cases: API structure overview, phase + body, page 2', path: `/api/structures/${BENCH_CASES_STRUCTURE_ID}/case-overview?${filter}`, prepare: withCases },
  ];
}

/** Approved minutes with 20 items and 30 attendees, read by an administrator. */
async function withMinutes(target: BenchTarget) {
  await generateMinutes(target.database);
  return { headers: { cookie: await benchAdminCookie(target.database) } };
}

function minutesScenarios(): Scenario[] {
  return [
    { name: 'minutes: PDF of 20 items and 30 attendees (/meetings/:id/minutes/pdf)', path: `/meetings/${BENCH_MINUTES_MEETING_ID}/minutes/pdf`, prepare: withMinutes },
    { name: 'minutes: page of 20 items, locked (/meetings/:id/minutes)', path: `/meetings/${BENCH_MINUTES_MEETING_ID}/minutes`, prepare: withMinutes },
  ];
}
