import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { people } from '../../platform/auth/schema.js';
import { compareSwedish } from '../../platform/sortkey.js';
import { absenceReports } from '../meetings/schema.js';

/*
 * Views sent in advance by members who reported their absence (absence_reports): the views on
 * each agenda item, and the general ones, for the minutes editor. The text is kept as sent,
 * line breaks and all; it is shown read-only beside the item's notes with who sent it.
 */

export interface ViewInAdvance {
  name: string;
  views: string;
}

export interface ViewsInAdvance {
  /** Views on an agenda item, by agenda item id. */
  byAgendaItem: Map<string, ViewInAdvance[]>;
  /** Views on the meeting as a whole. */
  general: ViewInAdvance[];
}

export async function viewsInAdvanceOf(db: DbOrTx, meetingId: string): Promise<ViewsInAdvance> {
  const rows = await db
    .select({ name: people.name, views: absenceReports.views, itemViews: absenceReports.itemViews })
    .from(absenceReports)
    .innerJoin(people, eq(people.id, absenceReports.personId))
    .where(eq(absenceReports.meetingId, meetingId));
  rows.sort((a, b) => compareSwedish(a.name, b.name));
  const byAgendaItem = new Map<string, ViewInAdvance[]>();
  const general: ViewInAdvance[] = [];
  for (const r of rows) {
    if (r.views?.trim()) general.push({ name: r.name, views: r.views });
    for (const v of r.itemViews) {
      if (!v.views.trim()) continue;
      const list = byAgendaItem.get(v.itemId) ?? [];
      list.push({ name: r.name, views: v.views });
      byAgendaItem.set(v.itemId, list);
    }
  }
  return { byAgendaItem, general };
}
