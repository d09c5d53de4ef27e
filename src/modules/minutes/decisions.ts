import type { Body } from '../structure/schema.js';
import { decisionOutcomes, type MinuteOutcome } from './schema.js';

/* Which outcomes are decisions of the body, and the decision text when none was written. */

export const isDecisionOutcome = (o: MinuteOutcome | null | undefined): o is MinuteOutcome => !!o && decisionOutcomes.includes(o);

/** The decision text when the secretary wrote none. */
export function defaultDecisionText(body: Pick<Body, 'name' | 'shortName'>, outcome: MinuteOutcome, clauses: readonly string[]): string {
  const who = body.shortName?.trim() || body.name;
  switch (outcome) {
    case 'approved':
      return clauses.length ? `${who} beslutar ${clauses.map((c) => `att ${c}`).join(', ')}.` : `${who} beslutar att godkänna förslaget.`;
    case 'amended':
      return `${who} beslutar att godkänna förslaget med ändringar.`;
    case 'rejected':
      return `${who} beslutar att avslå förslaget.`;
    case 'tabled':
      return 'Ärendet bordläggs till nästa möte.';
    case 'sent_back':
      return 'Ärendet återremitteras.';
    case 'filed':
      return 'Läggs till handlingarna.';
    case 'noted':
      return 'Informationen noteras.';
    case 'concluded_no_decision':
      return 'Frågan diskuterades utan beslut.';
  }
}
