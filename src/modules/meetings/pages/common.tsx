import type { Context } from 'hono';
import { notFound } from '../../../platform/refusals.js';
import type { AppEnv } from '../../../platform/http/context.js';
import { isFormControl } from '../../../platform/http/forms.js';
import { authorize, can } from '../../../platform/auth/authorize.js';
import type { FieldError } from '../../../platform/http/errors.js';
import type { Crumb } from '../../../platform/views/layout.js';
import { bodyTrail, rolesOf, type BodyRoles } from '../../structure/index.js';
import { today } from '../../../platform/days.js';
import { bodies, structures, type Body } from '../../structure/schema.js';
import { eq } from 'drizzle-orm';
import { loadMeeting, UUID, type LoadedMeeting } from '../queries/index.js';
import { targetOf } from '../policy.js';
import { meetingActions } from '../policy.js';
import { csrfToken } from '../../../platform/auth/middleware.js';

export type C = Context<AppEnv>;

export function pageDeps(c: C) {
  return { t: c.get('t'), lang: c.get('lang'), db: c.get('deps').database.db, actor: c.get('actor'), csrf: csrfToken(c) };
}

export type Abilities = Record<(typeof meetingActions)[number], boolean>;

export interface MeetingPageData extends LoadedMeeting {
  can: Abilities;
  structure: { id: string; slug: string; name: string };
}

function abilitiesOf(c: C, loaded: Pick<LoadedMeeting, 'body' | 'roles' | 'hostRoles'>): Abilities {
  const actor = c.get('actor');
  const out = {} as Abilities;
  for (const a of meetingActions) out[a] = can(actor, a, targetOf(loaded, a));
  return out;
}

/** Loads a meeting for a page and checks the actor may at least see it (or do `action`). */
export async function meetingPage(c: C, action: (typeof meetingActions)[number] = 'meetings.view'): Promise<MeetingPageData> {
  const { db, actor } = pageDeps(c);
  const loaded = await loadMeeting(db, actor, c.req.param('id') ?? '');
  authorize(actor, 'meetings.view', targetOf(loaded, 'meetings.view'));
  authorize(actor, action, targetOf(loaded, action));
  const [structure] = await db.select({ id: structures.id, slug: structures.slug, name: structures.name }).from(structures).where(eq(structures.id, loaded.body.structureId));
  return { ...loaded, can: abilitiesOf(c, loaded), structure: structure! };
}

interface BodyPageData {
  body: Body;
  roles: BodyRoles;
  can: Abilities;
  structure: { id: string; slug: string; name: string };
}

/** Loads a body for a meetings page and checks the actor may see (or do `action` on) its meetings. */
export async function bodyPage(c: C, action: (typeof meetingActions)[number] = 'meetings.view'): Promise<BodyPageData> {
  const { db, actor } = pageDeps(c);
  const id = c.req.param('bodyId') ?? '';
  if (!UUID.test(id)) notFound('meetings.refusal.bodyNotFound');
  const [row] = await db
    .select({ body: bodies, structure: { id: structures.id, slug: structures.slug, name: structures.name } })
    .from(bodies)
    .innerJoin(structures, eq(structures.id, bodies.structureId))
    .where(eq(bodies.id, id));
  if (!row) notFound('meetings.refusal.bodyNotFound');
  const body = row.body;
  const roles = await rolesOf(db, actor, body.id, today());
  const loaded = { body, roles, hostRoles: roles };
  authorize(actor, 'meetings.view', targetOf(loaded, 'meetings.view'));
  authorize(actor, action, targetOf(loaded, action));
  return { body, roles, can: abilitiesOf(c, loaded), structure: row.structure };
}

export function bodyCrumbs(c: C, data: Pick<BodyPageData, 'body' | 'structure'>, last?: string): Crumb[] {
  const t = c.get('t');
  const tab = t('meetings.tab');
  return last ? bodyTrail(t, data.body, data.structure, { href: `/bodies/${data.body.id}/meetings`, label: tab }, { label: last }) : bodyTrail(t, data.body, data.structure, { label: tab });
}

export function meetingCrumbs(c: C, data: MeetingPageData, dateLabel: string, last?: string): Crumb[] {
  const crumbs = bodyCrumbs(c, data, dateLabel);
  if (last) {
    crumbs[crumbs.length - 1] = { href: `/meetings/${data.meeting.id}`, label: dateLabel };
    crumbs.push({ label: last });
  }
  return crumbs;
}

/** Errors whose field is not on the form go to the summary under '_'. */
export function onlyKnown(errors: FieldError[], fields: readonly string[]): FieldError[] {
  return errors.map((e) => (fields.includes(e.field) ? e : { field: '_', message: e.message }));
}

/** A File from a multipart form as the command's { filename, content } (base64), or undefined when empty. */
export async function fileInput(value: unknown): Promise<{ filename: string; content: string } | undefined> {
  if (!(value instanceof File) || value.size === 0 || !value.name) return undefined;
  return { filename: value.name, content: Buffer.from(await value.arrayBuffer()).toString('base64') };
}

/** The form's string values and its files (multipart), the CSRF field left out. */
export async function readMultipart(c: C): Promise<{ values: Record<string, string>; files: File[] }> {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string> = {};
  const files: File[] = [];
  for (const [k, v] of Object.entries(body)) {
    const list = Array.isArray(v) ? v : [v];
    for (const item of list) {
      if (typeof item === 'string') {
        if (!isFormControl(k)) values[k] = item;
      } else if (item instanceof File && item.size > 0) files.push(item);
    }
  }
  return { values, files };
}
