import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client.js';
import { newToken, sha256 } from '../../src/platform/auth/tokens.js';
import { meetingLive } from '../../src/modules/live/schema.js';
import { agendaItems } from '../../src/modules/meetings/schema.js';
import { calendarFeeds } from '../../src/modules/calendar/schema.js';
import { memberships } from '../../src/modules/structure/schema.js';
import { activeOn } from '../../src/modules/structure/index.js';
import { today } from '../../src/platform/days.js';
import { listPrincipals } from '../../src/modules/structure/queries/index.js';
import { demoStructurePages } from './structure-examples.js';
import { listMail, listOpenOutbox } from '../../src/platform/outbox/queries.js';
import { mailMessages } from '../../src/platform/outbox/schema.js';
import { enqueueMail } from '../../src/platform/outbox/outbox.js';
import { personIdOf } from './roles.js';
import { notifications } from '../../src/platform/inbox/schema.js';
import { SYSTEM_MESSAGE, SYSTEM_REMINDER } from '../../src/platform/inbox/kinds.js';
import { listNotifications } from '../../src/platform/inbox/queries.js';
import { demoMeetings } from './meetings-catalog.js';
import { demoMinutes } from './minutes-catalog.js';
import { casePageStates, demoCases } from './cases-catalog.js';

/**
 * Every HTML page of the application, for the accessibility check in the browser.
 * tests/route-catalog.db.test.ts fails when the app registers a GET page route that is
 * neither listed here nor excluded below, so a new page cannot escape axe-core.
 *
 * When a module adds a page: add an entry with its Hono path pattern, example URLs that
 * exist in the demo data (look ids up through ctx.database), and every role that can see
 * it (ctx.role tells which one the examples are for). A role other than 'anonymous'
 * needs a login in tests/e2e/roles.ts.
 */

export interface CatalogContext {
  /** The test database, seeded with the demo data. */
  database: Database;
  /** The role the examples are visited as, for pages that differ per person. */
  role: string;
}

export interface CatalogEntry {
  /** The Hono path pattern exactly as registered, e.g. `/principals` or `/bodies/:id`. */
  pattern: string;
  /** Concrete URLs (path and query) that render this page with status 200. */
  examples: (ctx: CatalogContext) => string[] | Promise<string[]>;
  /** Roles that can see the page; each is checked with axe-core. */
  roles: string[];
  /**
   * Why no role can open the page yet (e.g. refused to everyone until it is wired up).
   * Its browser checks are then reported as todo, and a browser test fails as soon as
   * the page opens for one of its roles, so that the marker cannot outlive its reason.
   */
  pending?: string;
  /**
   * Why no page links here (e.g. a page opened only from a link in an e-mail, such as a
   * password reset). tests/link-reachability.db.test.ts then does not look for a link to it,
   * and fails once a link leads there, so that the marker cannot outlive its reason.
   */
  notLinked?: string;
}

/** The id of a kept mail, with HTML and iCalendar parts so that every section of the page shows. */
async function ensureDemoMail(database: Database): Promise<string> {
  const newest = (await listMail(database.db, 1, 1)).items[0];
  if (newest) return newest.id;
  const [row] = await database.db
    .insert(mailMessages)
    .values({
      from: 'samverka@example.se',
      to: ['anna.exempel@example.se', 'bo.prov@example.se', 'cecilia.test@example.se'],
      subject: 'Kallelse: Beredningsgruppen för hälsa och omsorg',
      text: 'Välkommen till mötet.\nDagordningen finns i Samverka.',
      html: '<p>Välkommen till mötet.</p>',
      icalendar: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Samverka//test//SV\r\nEND:VCALENDAR\r\n',
      transport: 'kept',
    })
    .returning({ id: mailMessages.id });
  return row!.id;
}

/** At least one open outbox row, so that the queue page shows its table. */
async function ensureOpenOutboxRow(database: Database): Promise<void> {
  if ((await listOpenOutbox(database.db, 1, 1)).total > 0) return;
  await enqueueMail(database.db, {
    to: ['anna.exempel@example.se'],
    subject: 'Påminnelse: justering av protokoll',
    text: 'Protokollet väntar på justering.',
    runAt: new Date(Date.now() + 365 * 24 * 3600 * 1000),
  });
}

/** An unread and a read notification in the role's inbox, so that both states are checked. */
async function ensureDemoNotifications(database: Database, role: string): Promise<void> {
  const personId = await personIdOf(database, role);
  if ((await listNotifications(database.db, personId, 1, 1)).total > 0) return;
  await database.db.insert(notifications).values([
    {
      personId,
      kind: SYSTEM_MESSAGE,
      title: 'Välkommen till Samverka',
      body: 'Här i inkorgen samlas det som rör dig.',
      link: '/',
      delivery: 'off',
      readAt: new Date(),
    },
    { personId, kind: SYSTEM_REMINDER, title: 'Se över dina val för e-post', link: '/inbox/preferences', delivery: 'off' },
  ]);
}

/**
 * The demo body's latest held meeting, taken up live (the demo seed has no live meeting; the
 * live view opens once a meeting has started, so not the next one).
 */
async function ensureLiveMeeting(database: Database): Promise<string> {
  const { heldId } = await demoMeetings(database);
  const [item] = await database.db.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, heldId)).orderBy(asc(agendaItems.position)).limit(1);
  const now = new Date();
  await database.db
    .insert(meetingLive)
    .values({ meetingId: heldId, currentItemId: item?.id ?? null, itemStartedAt: item ? now : null, startedAt: now, updatedAt: now })
    .onConflictDoNothing({ target: meetingLive.meetingId });
  return heldId;
}

/** A calendar link of the role's person, so that the list of links shows. */
async function ensureCalendarFeed(database: Database, role: string): Promise<void> {
  const personId = await personIdOf(database, role);
  const [existing] = await database.db.select({ id: calendarFeeds.id }).from(calendarFeeds).where(eq(calendarFeeds.personId, personId)).limit(1);
  if (existing) return;
  await database.db.insert(calendarFeeds).values({ personId, scope: 'person', name: 'Jobbkalendern', tokenHash: sha256(newToken()), prefix: 'cal_demo12' });
}

/** A body where the role's demo person has the given role today (e.g. the body the demo chair chairs). */
async function bodyLedBy(database: Database, role: string, bodyRole: 'chair' | 'secretary'): Promise<string> {
  const personId = await personIdOf(database, role);
  const [row] = await database.db
    .select({ bodyId: memberships.bodyId })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.role, bodyRole), activeOn(today())))
    .limit(1);
  if (!row) throw new Error(`The demo ${role} is ${bodyRole} of no body`);
  return row.bodyId;
}

/** Pages everyone sees, with the header of each kind of visitor. */
const EVERYONE = ['anonymous', 'person', 'admin'];
const LOGGED_IN = ['person', 'admin'];
/** Meeting pages: members (the demo member), the body's secretary, administrators. */
const MEETING_PEOPLE = ['person', 'secretary', 'admin'];
const MEETING_MANAGERS = ['secretary', 'admin'];

export const routeCatalog: CatalogEntry[] = [
  { pattern: '/', examples: () => ['/'], roles: EVERYONE },
  {
    pattern: '/principals',
    examples: async ({ database }) => {
      const first = await listPrincipals(database.db, 1);
      // The last page as well when the list is paged, to check the pager's other state.
      return first.pages > 1 ? ['/principals', `/principals?page=${first.pages}`] : ['/principals'];
    },
    roles: EVERYONE,
  },
  // The kinds of principal (region, kommun, other and those administrators added); the forms for administrators.
  { pattern: '/principals/kinds', examples: () => ['/principals/kinds'], roles: EVERYONE },

  // Identity: logging in and passwords (anonymous), the own account, administration.
  { pattern: '/login', examples: () => ['/login', '/login?next=%2Fprincipals'], roles: ['anonymous'] },
  { pattern: '/password/forgot', examples: () => ['/password/forgot'], roles: ['anonymous'] },
  {
    pattern: '/password/reset/:token',
    // The form renders for any token; the token is checked when the form is sent.
    examples: () => ['/password/reset/aW52ZW50ZWQtcmVzZXQtdG9rZW4'],
    roles: ['anonymous'],
    notLinked: 'opened from the link in the password-reset e-mail, which carries the secret token',
  },
  { pattern: '/account', examples: () => ['/account'], roles: LOGGED_IN },
  { pattern: '/admin', examples: () => ['/admin'], roles: ['admin'] },
  { pattern: '/admin/people', examples: () => ['/admin/people'], roles: ['admin'] },
  { pattern: '/admin/audit', examples: () => ['/admin/audit'], roles: ['admin'] },
  {
    pattern: '/history/:type/:id',
    // A person sees the history of their own account; an administrator anyone's. A body's
    // secretary (and an administrator) the change history of its cases and of the body.
    examples: async ({ database, role }) => {
      const own = [`/history/person/${await personIdOf(database, role === 'admin' ? 'person' : role)}`];
      if (role !== 'secretary' && role !== 'admin') return own;
      const cases = await demoCases(database);
      const someCase = Object.values(cases.byState)[0];
      return [...own, `/history/body/${cases.samsId}`, ...(someCase ? [`/history/case/${someCase}`] : [])];
    },
    roles: LOGGED_IN,
  },

  // The inbox and the person's choices for e-mail.
  {
    pattern: '/inbox',
    examples: async ({ database, role }) => {
      await ensureDemoNotifications(database, role);
      return ['/inbox'];
    },
    roles: LOGGED_IN,
  },
  { pattern: '/inbox/preferences', examples: () => ['/inbox/preferences'], roles: LOGGED_IN },

  // Outgoing mail and the outbox queue.
  {
    pattern: '/admin/mail',
    examples: async ({ database }) => {
      await ensureDemoMail(database);
      return ['/admin/mail'];
    },
    roles: ['admin'],
  },
  {
    pattern: '/admin/mail/:id',
    examples: async ({ database }) => [`/admin/mail/${await ensureDemoMail(database)}`],
    roles: ['admin'],
  },
  {
    pattern: '/admin/outbox',
    examples: async ({ database }) => {
      await ensureOpenOutboxRow(database);
      return ['/admin/outbox'];
    },
    roles: ['admin'],
  },

  // Calendar links and the live view of a meeting (src/modules/calendar, src/modules/live).
  {
    pattern: '/calendar',
    examples: async ({ database, role }) => {
      await ensureCalendarFeed(database, role);
      return ['/calendar'];
    },
    roles: LOGGED_IN,
  },
  {
    pattern: '/meetings/:id/live',
    // The member follows; the secretary and the administrator also get the controls that move the meeting on.
    examples: async ({ database }) => [`/meetings/${await ensureLiveMeeting(database)}/live`],
    roles: MEETING_PEOPLE,
  },

  // Meetings: a body's meetings, planning, the meeting page, the agenda builder, attendance.
  {
    pattern: '/bodies/:bodyId/meetings',
    examples: async ({ database }) => {
      const d = await demoMeetings(database);
      return [`/bodies/${d.bodyId}/meetings`, `/bodies/${d.bodyId}/meetings?year=2019`];
    },
    roles: MEETING_PEOPLE,
  },
  { pattern: '/bodies/:bodyId/meetings/plan', examples: async ({ database }) => [`/bodies/${(await demoMeetings(database)).bodyId}/meetings/plan`], roles: MEETING_MANAGERS },
  { pattern: '/bodies/:bodyId/meetings/new', examples: async ({ database }) => [`/bodies/${(await demoMeetings(database)).bodyId}/meetings/new`], roles: MEETING_MANAGERS },
  { pattern: '/bodies/:bodyId/meetings/past', examples: async ({ database }) => [`/bodies/${(await demoMeetings(database)).bodyId}/meetings/past`], roles: MEETING_MANAGERS },
  { pattern: '/bodies/:bodyId/meetings/template', examples: async ({ database }) => [`/bodies/${(await demoMeetings(database)).bodyId}/meetings/template`], roles: MEETING_MANAGERS },
  { pattern: '/bodies/:bodyId/meetings/attendance', examples: async ({ database }) => [`/bodies/${(await demoMeetings(database)).bodyId}/meetings/attendance`], roles: MEETING_PEOPLE },
  {
    pattern: '/structures/:slug/meetings',
    examples: async ({ database }) => {
      const slug = (await demoMeetings(database)).structureSlug;
      return [`/structures/${slug}/meetings`];
    },
    roles: MEETING_PEOPLE,
  },
  {
    pattern: '/meetings/:id',
    examples: async ({ database }) => {
      const d = await demoMeetings(database);
      return [`/meetings/${d.upcomingId}`, `/meetings/${d.heldId}`];
    },
    roles: MEETING_PEOPLE,
  },
  { pattern: '/meetings/:id/edit', examples: async ({ database }) => [`/meetings/${(await demoMeetings(database)).upcomingId}/edit`], roles: MEETING_MANAGERS },
  { pattern: '/meetings/:id/cancel', examples: async ({ database }) => [`/meetings/${(await demoMeetings(database)).upcomingId}/cancel`], roles: MEETING_MANAGERS },
  { pattern: '/meetings/:id/agenda', examples: async ({ database }) => [`/meetings/${(await demoMeetings(database)).upcomingId}/agenda`], roles: MEETING_MANAGERS },
  // The preview of the meeting call and its recipients before the agenda is published (and, once published, when it went out).
  {
    pattern: '/meetings/:id/agenda/publish',
    examples: async ({ database }) => {
      const d = await demoMeetings(database);
      return [`/meetings/${d.upcomingId}/agenda/publish`, `/meetings/${d.heldId}/agenda/publish`];
    },
    roles: MEETING_MANAGERS,
  },
  {
    pattern: '/meetings/:id/agenda/items/:itemId',
    examples: async ({ database }) => {
      const d = await demoMeetings(database);
      return [`/meetings/${d.upcomingId}/agenda/items/${d.itemId}`];
    },
    roles: MEETING_MANAGERS,
  },
  {
    pattern: '/meetings/:id/attendance',
    examples: async ({ database }) => {
      const d = await demoMeetings(database);
      // The roll call opens once a meeting has started (the next meeting's answers 409).
      return [`/meetings/${d.heldId}/attendance`];
    },
    roles: MEETING_MANAGERS,
  },
  {
    pattern: '/meetings/:id/submit',
    examples: async ({ database }) => {
      const d = await demoMeetings(database);
      return [`/meetings/${d.upcomingId}/submit`, `/meetings/${d.heldId}/submit`];
    },
    roles: MEETING_PEOPLE,
  },
  { pattern: '/meetings/:id/absence', examples: async ({ database }) => [`/meetings/${(await demoMeetings(database)).upcomingId}/absence`], roles: ['person', 'secretary'] },

  // Minutes, decisions and follow-up (src/modules/minutes).
  {
    pattern: '/meetings/:id/minutes',
    // Minutes waiting for approval or in draft (the editor for the secretary), and locked minutes (read-only with the digest).
    examples: async ({ database }) => {
      const d = await demoMinutes(database);
      return [`/meetings/${d.draftMeetingId}/minutes`, `/meetings/${d.lockedMeetingId}/minutes`];
    },
    roles: MEETING_PEOPLE,
  },
  {
    pattern: '/meetings/:id/minutes/versions/:n',
    examples: async ({ database }) => [`/meetings/${(await demoMinutes(database)).lockedMeetingId}/minutes/versions/1`],
    roles: MEETING_PEOPLE,
  },
  { pattern: '/meetings/:id/evaluation', examples: async ({ database }) => [`/meetings/${(await demoMinutes(database)).draftMeetingId}/evaluation`], roles: ['person', 'secretary'] },
  { pattern: '/actions', examples: () => ['/actions'], roles: MEETING_PEOPLE },
  {
    pattern: '/bodies/:bodyId/follow-up',
    // The body's managers: the secretary's body of the demo meetings, a body the chair chairs; administrators any.
    examples: async ({ database, role }) => [`/bodies/${role === 'chair' ? await bodyLedBy(database, role, 'chair') : (await demoMeetings(database)).bodyId}/follow-up`],
    roles: ['secretary', 'chair', 'admin'],
  },
  {
    pattern: '/bodies/:bodyId/decisions',
    // Visitors see the decisions of published minutes; people with a role every decision of their bodies.
    examples: async ({ database, role }) => {
      const d = await demoMinutes(database);
      return role === 'anonymous' ? [`/bodies/${d.publicBodyId}/decisions`] : [`/bodies/${d.bodyId}/decisions`, `/bodies/${d.bodyId}/decisions?q=godk%C3%A4nn&followUp=open`];
    },
    roles: [...EVERYONE, 'secretary'],
  },
  {
    pattern: '/structures/:slug/decisions',
    examples: async ({ database, role }) => {
      const d = await demoMinutes(database);
      return [`/structures/${role === 'anonymous' ? d.publicStructureSlug : d.structureSlug}/decisions`];
    },
    roles: [...EVERYONE, 'secretary'],
  },
  { pattern: '/decisions/:id', examples: async ({ database }) => [`/decisions/${(await demoMinutes(database)).publicDecisionId}`], roles: [...EVERYONE, 'secretary'] },
  { pattern: '/bodies/:bodyId/published', examples: async ({ database }) => [`/bodies/${(await demoMinutes(database)).publicBodyId}/published`], roles: EVERYONE },
  {
    pattern: '/bodies/:bodyId/published/:meetingId',
    examples: async ({ database }) => {
      const d = await demoMinutes(database);
      return [`/bodies/${d.publicBodyId}/published/${d.publishedMeetingId}`];
    },
    roles: EVERYONE,
  },

  // Collaboration structures (src/modules/structure): overview, bodies, people.
  ...demoStructurePages,

  // Cases: the flow, working groups, directives, anchoring, adoption, activity plan, yearly report.
  { pattern: '/cases', examples: () => ['/cases'], roles: ['person', 'secretary', 'convenor', 'admin'] },
  {
    pattern: '/bodies/:bodyId/cases',
    examples: async ({ database, role }) => {
      const d = await demoCases(database);
      return role === 'secretary' ? [`/bodies/${d.samsId}/cases`, `/bodies/${d.samsId}/cases?phase=work`, `/bodies/${d.samsId}/cases?state=closed`] : [`/bodies/${d.samsId}/cases`];
    },
    roles: ['person', 'secretary', 'convenor', 'chair', 'admin'],
  },
  { pattern: '/bodies/:bodyId/cases/new', examples: async ({ database }) => [`/bodies/${(await demoCases(database)).samsId}/cases/new`], roles: ['person', 'secretary', 'admin'] },
  {
    pattern: '/structures/:slug/cases',
    examples: async ({ database, role }) => {
      const d = await demoCases(database);
      return role === 'admin' ? [`/structures/${d.structureSlug}/cases`, `/structures/${d.structureSlug}/cases?phase=decision&bodyId=${d.samsId}`] : [`/structures/${d.structureSlug}/cases`];
    },
    roles: ['person', 'secretary', 'chair', 'admin'],
  },
  {
    pattern: '/cases/:caseId',
    examples: async ({ database, role }) => {
      const d = await demoCases(database);
      return (casePageStates[role] ?? [])
        .map((s) => d.byState[s])
        .filter((id): id is string => !!id)
        .map((id) => `/cases/${id}`);
    },
    roles: ['person', 'secretary', 'convenor', 'chair', 'admin'],
  },
  {
    pattern: '/cases/:caseId/edit',
    examples: async ({ database, role }) => {
      const d = await demoCases(database);
      return [`/cases/${role === 'person' ? d.byState.raised : d.byState.on_agenda}/edit`];
    },
    roles: ['person', 'secretary'],
  },
  { pattern: '/cases/:caseId/working-group', examples: async ({ database }) => [`/cases/${(await demoCases(database)).byState.accepted}/working-group`], roles: ['secretary', 'admin'] },
  { pattern: '/cases/:caseId/directive', examples: async ({ database }) => [`/cases/${(await demoCases(database)).byState.working_group}/directive`], roles: ['secretary', 'admin'] },
  {
    pattern: '/bodies/:bodyId/activity-plan',
    examples: async ({ database, role }) => {
      const d = await demoCases(database);
      return role === 'secretary' ? [`/bodies/${d.samsId}/activity-plan`, `/bodies/${d.samsId}/activity-plan?year=2019`] : [`/bodies/${d.samsId}/activity-plan`];
    },
    roles: ['person', 'secretary', 'admin'],
  },
  { pattern: '/bodies/:bodyId/case-report', examples: async ({ database }) => [`/bodies/${(await demoCases(database)).samsId}/case-report`], roles: ['person', 'secretary', 'chair', 'admin'] },
];

/** Pages that are not routes of their own: the error pages every route can answer with. */
export interface ErrorPageExample {
  url: string;
  status: number;
  why: string;
}

export const errorPages: ErrorPageExample[] = [
  { url: '/finns-inte', status: 404, why: 'not found page (app.notFound)' },
  { url: '/principals?page=0', status: 422, why: 'refused input page with a list of field errors (app.onError)' },
];

export interface RouteExclusion {
  /** An exact route path, or a prefix ending in `/*` that covers everything below it. */
  pattern: string;
  reason: string;
}

/** GET routes that are not HTML pages, and why. Nothing else may be left out of the catalog. */
export const NON_PAGE_ROUTES: RouteExclusion[] = [
  { pattern: '*', reason: 'middleware registered with app.use, not a page' },
  { pattern: '/*', reason: 'middleware registered with app.use, not a page' },
  { pattern: '/api/*', reason: 'JSON API (problem details on error), no HTML' },
  { pattern: '/static/*', reason: 'static CSS, JavaScript and images' },
  { pattern: '/favicon.ico', reason: 'redirect to the SVG icon under /static' },
  { pattern: '/healthz', reason: 'liveness probe answering JSON' },
  { pattern: '/readyz', reason: 'readiness probe answering JSON' },
  { pattern: '/metrics', reason: 'Prometheus metrics in text format' },
  { pattern: '/meetings/:id/attachments/:attachmentId', reason: 'downloads a meeting attachment (PDF, Office, image or text file), not an HTML page' },
  { pattern: '/lang/:lang', reason: 'sets the language cookie and redirects back to an HTML page' },
  { pattern: '/bodies/:bodyId/activity-plan/export', reason: 'the activity plan as a CSV, PDF or DOCX download' },
  { pattern: '/bodies/:bodyId/case-report/export', reason: 'the yearly case report as a PDF or DOCX download' },
  { pattern: '/bodies/:id/members.csv', reason: "CSV export of a body's seats and members (text/csv download)" },
  { pattern: '/login/oidc', reason: 'redirects to the OpenID Connect identity provider (404 when OIDC_ISSUER is not set)' },
  { pattern: '/calendar/:file{[A-Za-z0-9_-]{10,200}\\.ics}', reason: 'iCalendar feed (text/calendar) for calendar apps, behind a secret token' },
  { pattern: '/meetings/:id/live/events', reason: 'Server-Sent Events stream (text/event-stream) of the live view' },
  { pattern: '/meetings/:id/agenda.pdf', reason: 'the agenda as a PDF download' },
  { pattern: '/meetings/:id/agenda.docx', reason: 'the agenda as a DOCX download' },
  { pattern: '/meetings/:id/minutes/pdf', reason: 'the minutes as a PDF download' },
  { pattern: '/meetings/:id/minutes/docx', reason: 'the minutes as a DOCX download' },
  { pattern: '/meetings/:id/minutes/versions/:n/pdf', reason: 'a locked version of the minutes as a PDF download' },
  { pattern: '/meetings/:id/minutes/versions/:n/docx', reason: 'a locked version of the minutes as a DOCX download' },
  { pattern: '/meetings/:id/minutes/versions/:n/json', reason: 'the canonical JSON of a locked version (what its SHA-256 digest covers)' },
  { pattern: '/bodies/:bodyId/published/:meetingId/pdf', reason: 'published minutes as a PDF download' },
  { pattern: '/bodies/:bodyId/published/:meetingId/json', reason: 'the canonical JSON of published minutes' },
  { pattern: '/bodies/:bodyId/published/:meetingId/attachments/:attachmentId', reason: 'downloads an attachment published with the minutes' },
  {
    pattern: '/login/oidc/callback',
    reason: 'return from the identity provider: redirects after login; its refusal pages need a live provider (src/platform/auth/oidc.db.test.ts)',
  },
];

export function isExcluded(path: string, exclusions: RouteExclusion[] = NON_PAGE_ROUTES): boolean {
  return exclusions.some((e) => {
    if (e.pattern === path) return true;
    if (e.pattern.length > 2 && e.pattern.endsWith('/*')) {
      const prefix = e.pattern.slice(0, -1); // keeps the slash: '/api/'
      return path.startsWith(prefix) || path === prefix.slice(0, -1);
    }
    return false;
  });
}

/** A regular expression matching the concrete paths of a Hono pattern (`:id`, `:id{[0-9]+}`, `*`). */
export function patternToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length;) {
    const rest = pattern.slice(i);
    const param = /^:[A-Za-z0-9_]+(\{((?:[^{}]|\{[^{}]*\})+)\})?(\?)?/.exec(rest);
    if (param) {
      const value = param[2] ? `(?:${param[2]})` : '[^/]+';
      // An optional parameter (`/:id?`) takes its leading slash with it.
      source = param[3] && source.endsWith('/') ? `${source.slice(0, -1)}(?:/${value})?` : source + value;
      i += param[0].length;
    } else if (rest[0] === '*') {
      source += '.*';
      i += 1;
    } else {
      source += rest[0]!.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  return new RegExp(`^${source}$`);
}
