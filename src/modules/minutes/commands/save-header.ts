import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { people } from '../../../platform/auth/schema.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { checkVersion, refuse } from '../../../platform/refusals.js';
import { assertEditable, minutesFor } from './common.js';
import { idList, namesInput, optionalUuid, version } from '../inputs.js';
import { sampleMinutes } from '../samples.js';
import type { NoteTaker } from '../schema.js';
import { bumpMinutes, syncItems } from './common.js';
import { refuseOutsiders } from './common.js';
import { chairsOfMeeting } from '../consistency.js';

export const saveHeaderInput = z.object({
  meetingId: z.uuid(),
  version,
  /** Note takers with an account (Vid anteckningarna). */
  noteTakerIds: idList(10).default([]),
  /** Note takers by name (people without an account, or as they should be written). */
  noteTakerNames: namesInput.default([]),
  chairPersonId: optionalUuid,
  adjusterIds: idList(10).default([]),
  preamble: optionalFreeText({ max: 5000 }),
  nextMeetings: optionalFreeText({ max: 5000 }),
  evaluationSummary: optionalFreeText({ max: 20_000 }),
});

/**
 * minutes.saveHeader: who took the minutes, the chair and adjusters, the opening text, the
 * evaluation summary, next meetings. The chair is the one who chaired the meeting: the body's
 * chair, or in the chair's place (the chair absent) the vice chair or a person present whom
 * the meeting chose.
 */
export const saveHeader = defineCommand({
  name: 'minutes.saveHeader',
  input: saveHeaderInput,
  labels: (t) => ({
    noteTakerNames: t('minutes.header.noteTakers'),
    preamble: t('minutes.header.preamble'),
    nextMeetings: t('minutes.header.nextMeetings'),
    evaluationSummary: t('minutes.label.evaluation'),
  }),
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    const m = loaded.minutes;
    assertEditable(m);
    checkVersion(m.version, input.version, 'minutes.stale.minutes', m);
    // When the body's chair is absent (or there is none), a person present whom the meeting chose may chair in the chair's place.
    const chairs = input.chairPersonId ? await chairsOfMeeting(ctx.tx, loaded.meeting) : undefined;
    const chairPresent = !!chairs?.chairAway && chairs.present.some((p) => p.id === input.chairPersonId);
    await refuseOutsiders(ctx, loaded, { chairPersonId: input.chairPersonId && !chairPresent ? [input.chairPersonId] : [], adjusterIds: input.adjusterIds });
    const ids = [...new Set([...input.noteTakerIds, ...input.adjusterIds, ...(input.chairPersonId ? [input.chairPersonId] : [])])];
    const found = ids.length ? await ctx.tx.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids)) : [];
    const names = new Map(found.map((p) => [p.id, p.name]));
    const missing = ids.filter((id) => !names.has(id));
    if (missing.length) refuse('noteTakerIds', 'minutes.appointee.unknown');
    const adjusterIds = input.adjusterIds.filter((id) => id !== input.chairPersonId);
    const noteTakers: NoteTaker[] = [
      ...input.noteTakerIds.map((id) => ({ personId: id, name: names.get(id)! })),
      ...input.noteTakerNames.filter((n) => !input.noteTakerIds.some((id) => names.get(id) === n)).map((name) => ({ personId: null, name })),
    ];
    const row = await bumpMinutes(ctx, m.id, {
      noteTakers,
      chairPersonId: input.chairPersonId ?? null,
      adjusterIds,
      preamble: input.preamble ?? null,
      nextMeetings: input.nextMeetings ?? null,
      evaluationSummary: input.evaluationSummary ?? null,
    });
    await syncItems(ctx, loaded.meeting.id, row);
    await ctx.audit({ objectType: 'minutes', objectId: m.id, before: m, after: row });
    return row;
  },
  async sample(sc) {
    const { actor, meeting, minutes } = await sampleMinutes(sc);
    return {
      actor,
      input: {
        meetingId: meeting.id,
        version: minutes.version,
        noteTakerNames: ['Ann-Louise Sekreterare'],
        preamble: 'Ingmar hälsar deltagarna välkomna.',
        nextMeetings: '11 december.',
        evaluationSummary: 'Driv: bra diskussioner. Hinder: lång dag i cyberrymden.',
      },
    };
  },
});
