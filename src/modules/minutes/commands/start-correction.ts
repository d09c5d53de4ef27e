import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText } from '../../../platform/pin.js';
import { refuse } from '../../../platform/refusals.js';
import { minutesFor } from './common.js';
import { sampleMinutes } from '../samples.js';
import { bumpMinutes } from './common.js';

export const startCorrectionInput = z.object({ meetingId: z.uuid(), reason: freeText({ min: 1, max: 2000 }) });

/**
 * minutes.startCorrection: locked minutes are corrected as a new version. The locked
 * version stays as it is (and stays published); the draft that follows is approved or
 * finalised again and gets a visible list of changes.
 */
export const startCorrection = defineCommand({
  name: 'minutes.startCorrection',
  input: startCorrectionInput,
  labels: (t) => ({ reason: t('minutes.correction.reason') }),
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    const m = loaded.minutes;
    if (m.status !== 'approved' && m.status !== 'final') refuse('meetingId', 'minutes.refusal.correctionNotLocked');
    const row = await bumpMinutes(ctx, m.id, { status: 'draft', correctionReason: input.reason });
    await ctx.audit({ objectType: 'minutes', objectId: m.id, before: m, after: row });
    return row;
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMinutes(sc, { status: 'approved', lockedVersion: 1 });
    return { actor, input: { meetingId: meeting.id, reason: 'Fel namn på justeraren under punkt 1.' } };
  },
});
