import { eq, sql } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { agendaOf, hookContext } from '../queries/index.js';
import { meetingFor } from './common.js';
import { runMeetingHooks } from '../hooks.js';
import { KIND, meetingLabel, notifyPeople } from '../notices.js';
import { meetings } from '../schema.js';
import { checkPublicationToken } from '../publication.js';
import { fixtureItem, sampleMeeting } from '../samples.js';

const publishAgendaInput = z.object({
  meetingId: z.uuid(),
  /** The token of the preview the secretary confirmed (publication.ts); refused when the call has changed since. */
  preview: z.hex().length(32).optional(),
});

/**
 * meetings.publishAgenda: the agenda goes out and the meeting is called. Everyone called
 * is notified, and the onAgendaPublished hooks run (the calendar invitation). Changes
 * after this are sent out again as they happen (sequence bumped, onMeetingChanged).
 * The page publishes only from a confirmed preview (`preview`, its token): a call that
 * changed since the preview is refused and shown again.
 */
export const publishAgenda = defineCommand({
  name: 'meetings.publishAgenda',
  input: publishAgendaInput,
  async run(ctx, input) {
    const loaded = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    const before = loaded.meeting;
    if (before.status === 'cancelled') refuse('meetingId', 'meetings.refusal.cancelled');
    if (before.agendaPublishedAt) refuse('meetingId', 'meetings.refusal.alreadyPublished');
    if (before.registeredAfterwards || before.status === 'held') refuse('meetingId', 'meetings.refusal.alreadyHeld');
    const items = await agendaOf(ctx.tx, before.id);
    if (!items.length) refuse('meetingId', 'meetings.refusal.emptyAgenda');
    if (input.preview) await checkPublicationToken(ctx.tx, loaded, input.preview);
    const meeting = one(
      await ctx.tx
        .update(meetings)
        .set({ agendaPublishedAt: ctx.now, status: 'called', updatedAt: ctx.now, version: sql`${meetings.version} + 1` })
        .where(eq(meetings.id, before.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'meeting', objectId: before.id, before, after: { ...meeting, items: items.map((i) => ({ id: i.id, position: i.position, title: i.title })) } });
    const hook = await hookContext(ctx, { ...loaded, meeting: meeting });
    await runMeetingHooks('agendaPublished', hook);
    await notifyPeople(
      ctx.tx,
      hook.recipients,
      KIND.agendaPublished,
      (t, lang) => ({
        title: t('meetings.notice.published.title', { meeting: meetingLabel(meeting, lang) }),
        body: t('meetings.notice.published.body', { count: items.length }),
      }),
      `/meetings/${meeting.id}`,
      { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: meeting.id, mailedElsewhere: hook.mailed },
    );
    return meeting;
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc);
    await fixtureItem(db, meeting, 1, { title: 'Mötets öppnande och upprop', source: 'template' });
    return { actor, input: { meetingId: meeting.id } };
  },
});
