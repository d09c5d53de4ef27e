import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { refuse } from '../../../platform/refusals.js';
import { attachments } from '../../meetings/schema.js';
import { minutesFor } from './common.js';
import { idList } from '../inputs.js';
import { sampleMinutes } from '../samples.js';
import { bumpMinutes } from './common.js';

export const publishInput = z.object({ meetingId: z.uuid(), attachmentIds: idList(100).default([]) });

/**
 * minutes.publish: approved or final minutes of a public body become a page on the body's
 * public pages (the latest locked version; internal items left out), with the attachments
 * the secretary selects. Publishing again changes the selection.
 */
export const publishMinutes = defineCommand({
  name: 'minutes.publish',
  input: publishInput,
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    const m = loaded.minutes;
    if (!loaded.body.isPublic) refuse('meetingId', 'minutes.refusal.notPublic');
    if (m.lockedVersion === 0) refuse('meetingId', 'minutes.refusal.publishNotLocked');
    const ids = [...new Set(input.attachmentIds)];
    if (ids.length) {
      const found = await ctx.tx
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(inArray(attachments.id, ids), eq(attachments.meetingId, loaded.meeting.id)));
      if (found.length !== ids.length) refuse('attachmentIds', 'minutes.refusal.attachmentNotOfMeeting');
    }
    const row = await bumpMinutes(ctx, m.id, { publishedAt: m.publishedAt ?? ctx.now, publicAttachmentIds: ids });
    await ctx.audit({ objectType: 'minutes', objectId: m.id, before: m, after: row });
    return row;
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMinutes(sc, { status: 'approved', lockedVersion: 1 }, { isPublic: true });
    return { actor, input: { meetingId: meeting.id, attachmentIds: [] } };
  },
});
