import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../platform/auth/authorize.js';
import { defineCommand } from '../../../platform/commands.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { rolesOf, today, sampleSetup } from '../../structure/index.js';
import { bodies } from '../../structure/schema.js';
import { attachments } from '../../meetings/schema.js';
import { minutesFor } from '../access.js';
import { idList } from '../inputs.js';
import { sampleMinutes } from '../samples.js';
import { minutesDistribution } from '../schema.js';
import { bumpMinutes, parseEmails, refuse } from './common.js';

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
    if (!loaded.body.isPublic) refuse('meetingId', 'Gruppen är inte öppen; dess anteckningar kan inte publiceras.');
    if (m.lockedVersion === 0) refuse('meetingId', 'Bara justerade eller fastställda anteckningar kan publiceras.');
    const ids = [...new Set(input.attachmentIds)];
    if (ids.length) {
      const found = await ctx.tx
        .select({ id: attachments.id })
        .from(attachments)
        .where(and(inArray(attachments.id, ids), eq(attachments.meetingId, loaded.meeting.id)));
      if (found.length !== ids.length) refuse('attachmentIds', 'En vald bilaga hör inte till mötet.');
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

export const unpublishInput = z.object({ meetingId: z.uuid() });

/** minutes.unpublish: takes the minutes off the public pages. */
export const unpublishMinutes = defineCommand({
  name: 'minutes.unpublish',
  input: unpublishInput,
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    const m = loaded.minutes;
    if (!m.publishedAt) refuse('meetingId', 'Anteckningarna är inte publicerade.');
    const row = await bumpMinutes(ctx, m.id, { publishedAt: null });
    await ctx.audit({ objectType: 'minutes', objectId: m.id, before: m, after: row });
    return row;
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMinutes(sc, { status: 'approved', lockedVersion: 1, publishedAt: new Date() }, { isPublic: true });
    return { actor, input: { meetingId: meeting.id } };
  },
});

const emailList = z.preprocess((v) => (typeof v === 'string' ? parseEmails(v) : v === undefined || v === null ? [] : v), z.array(z.email().max(320)).max(500));

export const setDistributionInput = z.object({ bodyId: z.uuid(), emails: emailList });

/** minutes.setDistribution: the addresses a body's locked minutes are sent to besides its members. */
export const setDistribution = defineCommand({
  name: 'minutes.setDistribution',
  input: setDistributionInput,
  labels: () => ({ emails: 'E-postadresser' }),
  async run(ctx, input) {
    const [body] = await ctx.tx.select().from(bodies).where(eq(bodies.id, input.bodyId));
    if (!body) throw new NotFoundError('Gruppen finns inte.');
    authorize(ctx.actor, 'minutes.write', { body, roles: await rolesOf(ctx.tx, ctx.actor, body.id, today(ctx.now)) });
    const [before] = await ctx.tx.select().from(minutesDistribution).where(eq(minutesDistribution.bodyId, body.id));
    const [row] = await ctx.tx
      .insert(minutesDistribution)
      .values({ bodyId: body.id, emails: input.emails, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: minutesDistribution.bodyId, set: { emails: input.emails, updatedAt: ctx.now } })
      .returning();
    await ctx.audit({ objectType: 'body', objectId: body.id, before: before ?? null, after: row });
    return row!;
  },
  async sample(sc) {
    const { actor, body } = await sampleSetup(sc);
    return { actor, input: { bodyId: body.id, emails: ['registrator@example.se', 'samordnare@example.se'] } };
  },
});
