// The main pages at national scale (#14, part 4), on PostgreSQL only: the data of
// bench/generate-national.ts (21 structures, 5,000 bodies, 200,000 meetings, 2,000,000 agenda
// items, 500,000 cases, 300,000 decisions). `BENCH_NATIONAL=1 npm run bench` generates it in
// the benchmark's PostgreSQL database and runs these after the other scenarios
// (BENCH_ONLY=national: these alone). Every name starts with "national:".
import { benchAdminCookie } from './generate-meetings.js';
import { generateNational, NATIONAL_BODY_ID, NATIONAL_MEETING_ID, NATIONAL_REGISTER_QUERY, NATIONAL_STRUCTURE_SLUG, nationalMemberCookie } from './generate-national.js';
import type { BenchTarget, Scenario } from './scenarios.js';

/** Logged in as the member of five bodies (a person with roles, not an administrator). */
async function asMember(target: BenchTarget) {
  await generateNational(target.database);
  return { headers: { cookie: await nationalMemberCookie(target.database) } };
}

/** Logged in as an administrator. */
async function asAdmin(target: BenchTarget) {
  await generateNational(target.database);
  return { headers: { cookie: await benchAdminCookie(target.database) } };
}

const slug = NATIONAL_STRUCTURE_SLUG;

export const nationalScenarios: Scenario[] = [
  { name: 'national: home page of a member of 5 bodies (/)', path: '/', prepare: asMember },
  { name: 'national: structure overview, 239 bodies (/structures/:slug)', path: `/structures/${slug}`, prepare: asMember },
  { name: 'national: body page (/bodies/:id)', path: `/bodies/${NATIONAL_BODY_ID}`, prepare: asMember },
  { name: 'national: meeting page, 10 items (/meetings/:id)', path: `/meetings/${NATIONAL_MEETING_ID}`, prepare: asMember },
  { name: 'national: minutes page, 10 items, locked (/meetings/:id/minutes)', path: `/meetings/${NATIONAL_MEETING_ID}/minutes`, prepare: asAdmin },
  { name: 'national: case overview of a structure, 23,800 cases (/structures/:slug/cases)', path: `/structures/${slug}/cases`, prepare: asMember },
  {
    name: `national: decision register of a structure, 14,400 decisions, text filter (/structures/:slug/decisions?q=${NATIONAL_REGISTER_QUERY})`,
    path: `/structures/${slug}/decisions?q=${NATIONAL_REGISTER_QUERY}`,
    prepare: asMember,
  },
];
