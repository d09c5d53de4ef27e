import type { MessageKey } from '../../platform/i18n/index.js';
import type { Meeting } from './schema.js';
import { extensionPoint, installed } from '../../platform/registry.js';

/**
 * Links other modules add to a meeting's page (the live view, the agenda as PDF and
 * Word, the minutes), so the meetings module does not need to know them. Each link is
 * asked whether it applies to the meeting as the visitor sees it.
 */
interface MeetingLinkContext {
  meeting: Meeting;
  /** True when the visitor may see the agenda (published, or the visitor manages the meeting). */
  agendaVisible: boolean;
  /** True once the meeting has started. */
  started: boolean;
}

interface MeetingLink {
  href: string;
  label: MessageKey;
}

export type LinkSource = (ctx: MeetingLinkContext) => MeetingLink | MeetingLink[] | null;

/** Links on the meeting page; lower `order` comes first (live 10, agenda files 20, minutes 30). */
export interface MeetingLinks {
  order: number;
  links: LinkSource;
}
export const MEETING_LINKS = extensionPoint<MeetingLinks>('meetings.links');

export function meetingLinks(ctx: MeetingLinkContext): MeetingLink[] {
  return [...installed().all(MEETING_LINKS)].sort((a, b) => a.order - b.order).flatMap(({ links }) => links(ctx) ?? []);
}
