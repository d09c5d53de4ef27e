import { and, asc, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { translator, type Lang } from '../../platform/i18n/index.js';
import { people } from '../../platform/auth/schema.js';
import type { Body } from '../structure/schema.js';
import { formatDate } from '../../platform/time.js';
import { agendaItems, agendaTemplateItems, dismissedProposals, itemSubmissions, meetings, type AgendaItemKind, type AgendaItemSource, type Meeting, type Presenter } from './schema.js';
import { addTo, extensionPoint, installed } from '../../platform/registry.js';

/*
 * Pluggable proposal sources for the agenda builder. Each source proposes items for a
 * meeting; the secretary accepts (the item is added), or dismisses them (a declined
 * submission gets a reply). Built in: the body's template, members' submissions and the
 * unfinished items of the previous meeting. Later modules register more (tabled items,
 * status reports due from working groups, cases ready for decision).
 */

export interface Proposal {
  /** Unique within its source and stable between calls (e.g. the id of what it comes from). */
  key: string;
  title: string;
  description?: string | null;
  kind: AgendaItemKind;
  section?: string | null;
  /** Who presents (a person in the register and/or a name with an organisation). */
  presenters?: Presenter[];
  /** A single presenter, for sources that name one (turned into `presenters` when accepted). */
  presenterPersonId?: string | null;
  presenterName?: string | null;
  durationMinutes?: number | null;
  /** What the item's `source` column records. */
  source: AgendaItemSource;
  caseId?: string | null;
  internal?: boolean;
  /** Why it is proposed, shown to the secretary ("Ej avslutad 2026-02-12"). */
  reason?: string | null;
  /**
   * Where an accepted item goes: with the opening items, last, or (default) before the
   * closing items. A template item whose key starts with "end-" is a closing item.
   */
  placement?: 'start' | 'end';
}

interface AgendaSourceContext {
  tx: DbOrTx;
  meeting: Meeting;
  body: Body;
  lang: Lang;
}

export interface AgendaSource {
  /** Short and stable: it is part of every accepted item's sourceRef ("<id>:<key>"). */
  id: string;
  label: Record<Lang, string>;
  propose(ctx: AgendaSourceContext): Promise<Proposal[]>;
}

/** Where agenda proposals come from (a manifest contributes `agendaSources`). */
export const AGENDA_SOURCES = extensionPoint<AgendaSource>('meetings.agendaSources');

/** Checks a source's id (the composition root and tests add sources). */
export function defineAgendaSource(source: AgendaSource): AgendaSource {
  if (!/^[a-z][a-zA-Z0-9_.-]*$/.test(source.id)) throw new Error(`Agenda source id "${source.id}" must be a short name`);
  return source;
}

/** Adds a source to the installed registry (tests); returns a function that removes it. */
export function registerAgendaSource(source: AgendaSource): () => void {
  if (agendaSource(source.id)) throw new Error(`Agenda source "${source.id}" is registered twice`);
  return addTo(AGENDA_SOURCES, defineAgendaSource(source));
}

function agendaSources(): readonly AgendaSource[] {
  return installed().all(AGENDA_SOURCES);
}

export function agendaSource(id: string): AgendaSource | undefined {
  return agendaSources().find((s) => s.id === id);
}

/** The sourceRef an accepted proposal's item carries. */
export const proposalRef = (sourceId: string, key: string) => `${sourceId}:${key}`;

interface SourceProposals {
  source: AgendaSource;
  proposals: Proposal[];
}

/** Every source's open proposals: not yet on the agenda and not dismissed for this meeting. */
export async function openProposals(ctx: AgendaSourceContext): Promise<SourceProposals[]> {
  const [items, dismissed] = await Promise.all([
    ctx.tx.select({ sourceRef: agendaItems.sourceRef }).from(agendaItems).where(eq(agendaItems.meetingId, ctx.meeting.id)),
    ctx.tx.select().from(dismissedProposals).where(eq(dismissedProposals.meetingId, ctx.meeting.id)),
  ]);
  const taken = new Set(items.map((i) => i.sourceRef).filter(Boolean));
  for (const d of dismissed) taken.add(proposalRef(d.sourceId, d.key));
  const out: SourceProposals[] = [];
  for (const source of agendaSources()) {
    const proposals = (await source.propose(ctx)).filter((p) => !taken.has(proposalRef(source.id, p.key)));
    out.push({ source, proposals });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Built-in sources

/** The standard opening items (Chefsgruppen's and SAMLA's notes start this way). */
export const defaultTemplate: { title: string; kind: AgendaItemKind; durationMinutes: number; section: string | null; placement: 'start' | 'end' }[] = [
  { title: 'Mötets öppnande och upprop', kind: 'formal', durationMinutes: 5, section: null, placement: 'start' },
  { title: 'Godkännande av dagordning', kind: 'formal', durationMinutes: 2, section: null, placement: 'start' },
  { title: 'Föregående mötes anteckningar läggs till handlingarna', kind: 'formal', durationMinutes: 3, section: null, placement: 'start' },
  { title: 'Övriga frågor', kind: 'other', durationMinutes: 10, section: 'Övriga frågor', placement: 'end' },
  { title: 'Kort utvärdering av mötet', kind: 'formal', durationMinutes: 5, section: null, placement: 'end' },
];

export const TEMPLATE_SOURCE = 'template';
export const SUBMISSION_SOURCE = 'submissions';
const PREVIOUS_SOURCE = 'previous';

export const templateSource = defineAgendaSource({
  id: TEMPLATE_SOURCE,
  label: { sv: 'Gruppens mall', en: "The body's template" },
  async propose({ tx, body }) {
    const own = await tx.select().from(agendaTemplateItems).where(eq(agendaTemplateItems.bodyId, body.id)).orderBy(asc(agendaTemplateItems.position));
    if (own.length) {
      // Items before the first one in a section open the meeting; the rest close it.
      const firstSectioned = own.findIndex((t) => t.section);
      return own.map((t, i) => ({
        key: `${firstSectioned === -1 || i < firstSectioned ? 'start' : 'end'}-${t.id}`,
        title: t.title,
        kind: t.kind,
        section: t.section,
        durationMinutes: t.durationMinutes,
        source: 'template' as const,
        placement: firstSectioned === -1 || i < firstSectioned ? ('start' as const) : ('end' as const),
      }));
    }
    return defaultTemplate.map((t, i) => ({ key: `${t.placement}-default-${i + 1}`, ...t, source: 'template' as const }));
  },
});

/**
 * Who presents a submitted item: the presenter the submitter named, or, when they left it
 * empty ("leave empty if you present it yourself"), the submitter.
 */
export function submissionPresenters(s: Pick<typeof itemSubmissions.$inferSelect, 'presenterPersonId' | 'presenterName' | 'submittedBy'>, submitterName: string): Presenter[] {
  const name = s.presenterName?.trim();
  if (name || s.presenterPersonId) return [{ personId: s.presenterPersonId, name: name || submitterName, organisation: null }];
  return [{ personId: s.submittedBy, name: submitterName, organisation: null }];
}

export const submissionSource = defineAgendaSource({
  id: SUBMISSION_SOURCE,
  label: { sv: 'Inskickade punkter', en: 'Submitted items' },
  async propose({ tx, meeting, lang }) {
    const rows = await tx
      .select({ s: itemSubmissions, by: people.name })
      .from(itemSubmissions)
      .innerJoin(people, eq(people.id, itemSubmissions.submittedBy))
      .where(and(eq(itemSubmissions.meetingId, meeting.id), eq(itemSubmissions.status, 'proposed')))
      .orderBy(asc(itemSubmissions.createdAt));
    return rows.map(({ s, by }) => ({
      key: s.id,
      title: s.title,
      description: s.description,
      kind: s.kind,
      presenters: submissionPresenters(s, by),
      durationMinutes: s.wishedMinutes,
      source: 'submission' as const,
      reason: translator(lang)('meetings.proposal.submitted', { by, date: formatDate(s.createdAt) }),
    }));
  },
});

/** The body's latest meeting before this one that was not cancelled. */
async function previousMeeting(tx: DbOrTx, meeting: Pick<Meeting, 'id' | 'bodyId' | 'startsAt'>) {
  const [row] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, meeting.bodyId), lt(meetings.startsAt, meeting.startsAt), ne(meetings.status, 'cancelled'), ne(meetings.id, meeting.id)))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  return row;
}

export const previousMinutesSource = defineAgendaSource({
  id: PREVIOUS_SOURCE,
  label: { sv: 'Ej avslutat från föregående möte', en: 'Unfinished at the previous meeting' },
  async propose({ tx, meeting, lang }) {
    const previous = await previousMeeting(tx, meeting);
    if (!previous) return [];
    const items = await tx
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, previous.id), inArray(agendaItems.outcome, ['unfinished'])))
      .orderBy(asc(agendaItems.position));
    const when = formatDate(previous.startsAt);
    return items.map((i) => ({
      key: i.id,
      title: i.title,
      description: i.description,
      kind: i.kind,
      section: i.section,
      presenters: i.presenters,
      durationMinutes: i.durationMinutes,
      source: 'previous_unfinished' as const,
      caseId: i.caseId,
      internal: i.internal,
      reason: translator(lang)('meetings.proposal.unfinished', { when }),
    }));
  },
});
