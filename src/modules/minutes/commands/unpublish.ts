import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { refuse } from '../../../platform/refusals.js';
import { minutesFor } from './common.js';
import { sampleMinutes } from '../samples.js';
import { bumpMinutes } from './common.js';

const unpublishInput = z.object({ meetingId: z.uuid() });

/** minutes.unpublish: takes the minutes off the public pages. */
export const unpublishMinutes = defineCommand({
  name: 'minutes.unpublish',
  input: unpublishInput,
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    const m = loaded.minutes;
    if (!m.publishedAt) refuse('meetingId', 'minutes.refusal.notPublished');
    const row = await bumpMinutes(ctx, m.id, { publishedAt: null });
    await ctx.audit({ objectType: 'minutes', objectId: m.id, before: m, after: row });
    return row;
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMinutes(sc, { status: 'approved', lockedVersion: 1, publishedAt: new Date() }, { isPublic: true });
    return { actor, input: { meetingId: meeting.id } };
  },
});
