import { and, asc, desc, eq, gt, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { meetings, type Meeting } from '../schema.js';

export interface NeighbourMeeting {
  id: string;
  title: string;
  startsAt: Date;
}

/** The meetings of the same body just before and just after a meeting (by start, then id), through the body-and-start index. */
export async function neighbourMeetings(db: DbOrTx, meeting: Pick<Meeting, 'id' | 'bodyId' | 'startsAt'>): Promise<{ previous?: NeighbourMeeting; next?: NeighbourMeeting }> {
  const columns = { id: meetings.id, title: meetings.title, startsAt: meetings.startsAt };
  const [[previous], [next]] = await Promise.all([
    db
      .select(columns)
      .from(meetings)
      .where(and(eq(meetings.bodyId, meeting.bodyId), or(lt(meetings.startsAt, meeting.startsAt), and(eq(meetings.startsAt, meeting.startsAt), lt(meetings.id, meeting.id)))))
      .orderBy(desc(meetings.startsAt), desc(meetings.id))
      .limit(1),
    db
      .select(columns)
      .from(meetings)
      .where(and(eq(meetings.bodyId, meeting.bodyId), or(gt(meetings.startsAt, meeting.startsAt), and(eq(meetings.startsAt, meeting.startsAt), gt(meetings.id, meeting.id)))))
      .orderBy(asc(meetings.startsAt), asc(meetings.id))
      .limit(1),
  ]);
  return { previous, next };
}
