import { and, asc, eq, inArray, lt, ne } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { translator } from '../../platform/i18n/index.js';
import { formatDate } from '../../platform/time.js';
import { defineAgendaSource, proposalRef } from '../meetings/index.js';
import { agendaItems, meetings } from '../meetings/schema.js';
import { minuteItemNumbers } from './numbering.js';
import { actionItems, minuteItems } from './schema.js';
import { withoutAtt } from './snapshot.js';

/*
 * Two agenda-proposal sources for a body's next meeting:
 * - tabled: items the body tabled (bordlade) at an earlier meeting and has not taken up
 *   again since; the proposal names the meeting and item where it was tabled, and carries
 *   the proposal for decision along;
 * - actions: open actions from the body's earlier meetings, proposed as feedback items
 *   until they are done.
 */

export const TABLED_SOURCE = 'tabled';
const ACTIONS_SOURCE = 'actions';

export const tabledSource = defineAgendaSource({
  id: TABLED_SOURCE,
  label: { sv: 'Bordlagda punkter', en: 'Tabled items' },
  async propose({ tx, meeting, lang }) {
    const t = translator(lang);
    const rows = await tx
      .select({ item: minuteItems, held: meetings })
      .from(minuteItems)
      .innerJoin(meetings, eq(meetings.id, minuteItems.meetingId))
      .where(and(eq(meetings.bodyId, meeting.bodyId), eq(minuteItems.outcome, 'tabled'), lt(meetings.startsAt, meeting.startsAt), ne(meetings.id, meeting.id)))
      .orderBy(asc(meetings.startsAt), asc(minuteItems.position));
    if (!rows.length) return [];
    // Taken up at another meeting already (accepted from this source onto any agenda but this one's).
    const refs = rows.map((r) => proposalRef(TABLED_SOURCE, r.item.id));
    const taken = await tx
      .select({ ref: agendaItems.sourceRef })
      .from(agendaItems)
      .where(and(inArray(agendaItems.sourceRef, refs), ne(agendaItems.meetingId, meeting.id)));
    const takenRefs = new Set(taken.map((r) => r.ref));
    const positions = await tx
      .select({ id: minuteItems.id, minutesId: minuteItems.minutesId, parentId: minuteItems.parentId, position: minuteItems.position, number: minuteItems.number, paragraph: minuteItems.paragraph })
      .from(minuteItems)
      .where(inArray(minuteItems.minutesId, [...new Set(rows.map((r) => r.item.minutesId))]))
      .orderBy(asc(minuteItems.position), asc(minuteItems.id));
    // The item's number as its minutes show it (numbering.ts; a stored § where the body numbers by paragraph).
    const numberOf = (id: string, minutesId: string) =>
      minuteItemNumbers(
        positions.filter((p) => p.minutesId === minutesId),
        null,
      ).get(id) ?? '';
    const agendaOf = new Map<string, { kind: string; section: string | null; durationMinutes: number | null }>();
    const agendaIds = rows.map((r) => r.item.agendaItemId).filter((id): id is string => !!id);
    if (agendaIds.length) {
      for (const a of await tx.select().from(agendaItems).where(inArray(agendaItems.id, agendaIds))) agendaOf.set(a.id, a);
    }
    return rows
      .filter((r) => !takenRefs.has(proposalRef(TABLED_SOURCE, r.item.id)))
      .map(({ item, held }) => {
        const agenda = item.agendaItemId ? agendaOf.get(item.agendaItemId) : undefined;
        const proposal = item.proposal.length ? `${t('minutes.item.proposal')}:\n${item.proposal.map((c) => `- ${t('minutes.item.att', { clause: withoutAtt(c) })}`).join('\n')}` : null;
        return {
          key: item.id,
          title: item.title,
          description: proposal,
          kind: 'decision' as const,
          section: agenda?.section ?? 'Beslut',
          presenters: item.presenters,
          durationMinutes: agenda?.durationMinutes ?? null,
          source: 'tabled' as const,
          caseId: item.caseId,
          internal: item.internal,
          reason: t('minutes.source.tabledReason', { date: formatDate(held.startsAt), number: numberOf(item.id, item.minutesId) }),
        };
      });
  },
});

export const actionsSource = defineAgendaSource({
  id: ACTIONS_SOURCE,
  label: { sv: 'Öppna åtgärder', en: 'Open actions' },
  async propose({ tx, meeting, lang }) {
    const t = translator(lang);
    const rows = await tx
      .select({ action: actionItems, held: meetings, owner: people.name })
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .leftJoin(people, eq(people.id, actionItems.ownerPersonId))
      .where(and(eq(actionItems.bodyId, meeting.bodyId), eq(actionItems.status, 'open'), lt(meetings.startsAt, meeting.startsAt), ne(meetings.id, meeting.id)))
      .orderBy(asc(actionItems.dueOn), asc(meetings.startsAt), asc(actionItems.createdAt));
    return rows.map(({ action, held, owner }) => {
      const who = action.ownerName ?? owner;
      return {
        key: action.id,
        title: action.title,
        description: action.dueOn ? `${t('minutes.action.due')}: ${action.dueOn}` : null,
        kind: 'feedback' as const,
        section: 'Återkoppling',
        presenterPersonId: action.ownerPersonId,
        presenterName: who,
        durationMinutes: 5,
        source: 'previous_unfinished' as const,
        caseId: action.caseId,
        reason: t('minutes.source.actionReason', { date: formatDate(held.startsAt), owner: who ? ` (${who})` : '' }),
      };
    });
  },
});

/** The minute item a tabled proposal was accepted from, for an agenda item's sourceRef ("tabled:<id>"). */
export function tabledOrigin(sourceRef: string | null): string | null {
  const prefix = `${TABLED_SOURCE}:`;
  return sourceRef?.startsWith(prefix) ? sourceRef.slice(prefix.length) : null;
}
