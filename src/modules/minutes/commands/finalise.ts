import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { checkVersion, refuse } from '../../../platform/refusals.js';
import { contentVersion } from '../queries/index.js';
import { minutesFor } from './common.js';
import { version } from '../inputs.js';
import { sampleMinutes } from '../samples.js';
import { lockVersion } from './common.js';
import { minutesContradictions, refuseContradictions } from '../consistency.js';

export const finaliseInput = z.object({ meetingId: z.uuid(), version });

/**
 * minutes.finalise: the secretary finalises meeting notes (minnesanteckningar): the version is
 * locked and sent out. Refused (409) while the notes contradict the attendance (consistency.ts).
 */
export const finaliseMinutes = defineCommand({
  name: 'minutes.finalise',
  input: finaliseInput,
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    const m = loaded.minutes;
    if (m.kind !== 'notes') refuse('meetingId', 'minutes.refusal.protocolNotFinalised');
    if (m.status !== 'draft') refuse('meetingId', 'minutes.refusal.alreadyFinal');
    checkVersion(await contentVersion(ctx.tx, m), input.version, 'minutes.stale.minutes', m);
    refuseContradictions(await minutesContradictions(ctx.tx, loaded.meeting, m));
    const who = ctx.actor.kind === 'person' ? { personId: ctx.actor.personId, name: ctx.actor.name } : { personId: '', name: 'Samverka' };
    const version = await lockVersion(ctx, loaded, 'final', [{ ...who, role: 'secretary', at: ctx.now.toISOString() }]);
    await ctx.audit({ objectType: 'minutes', objectId: m.id, after: { version: version.number, sha256: version.sha256 } });
    return version;
  },
  async sample(sc) {
    const { actor, meeting, minutes, items } = await sampleMinutes(sc, { kind: 'notes' });
    return { actor, input: { meetingId: meeting.id, version: minutes.version + items.reduce((s, i) => s + i.version, 0) } };
  },
});
