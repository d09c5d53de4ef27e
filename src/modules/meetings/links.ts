import type { MessageKey } from '../../platform/i18n/index.js';
import type { Meeting } from './schema.js';

/**
 * Links other modules add to a meeting's page (the live view, the agenda as PDF and
 * Word, the minutes), so the meetings module does not need to know them. Each link is
 * asked whether it applies to the meeting as the visitor sees it.
 */
export interface MeetingLinkContext {
  meeting: Meeting;
  /** True when the visitor may see the agenda (published, or the visitor manages the meeting). */
  agendaVisible: boolean;
  /** True once the meeting has started. */
  started: boolean;
}

export interface MeetingLink {
  href: string;
  label: MessageKey;
}

type LinkSource = (ctx: MeetingLinkContext) => MeetingLink | MeetingLink[] | null;

const sources: { order: number; source: LinkSource }[] = [];

/** Adds links to the meeting page; lower `order` comes first (live 10, agenda files 20, minutes 30). */
export function registerMeetingLinks(order: number, source: LinkSource): void {
  sources.push({ order, source });
  sources.sort((a, b) => a.order - b.order);
}

export function meetingLinks(ctx: MeetingLinkContext): MeetingLink[] {
  return sources.flatMap(({ source }) => source(ctx) ?? []);
}
