import { notifyAboutCase } from '../notices.js';
import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { people } from '../../../platform/auth/schema.js';
import { createBody, addMembership, resolvePerson, fixturePerson } from '../../structure/index.js';
import { today } from '../../../platform/days.js';
import { bodies, memberships } from '../../structure/schema.js';
import { caseFor } from '../policy.js';
import { CASE_ASSIGNED } from '../kinds.js';
import { checkAllowed, applyTransition } from './transition.js';
import { caseRef } from '../wording.js';
import { refuse } from '../../../platform/refusals.js';
import { ownCaseLine, caseLabels } from './common.js';
import { cases } from '../schema.js';
import { id, idList, optionalDay, optionalId, optionalVersion } from '../inputs.js';
import { caseWorld, fixtureCase } from '../samples.js';

const adjunctInput = z.object({
  personId: optionalId,
  personEmail: z.preprocess((v) => (v === '' ? undefined : typeof v === 'string' ? v.trim().toLowerCase() : v), z.email().max(320).optional()),
  personName: optionalFreeText({ max: 200 }),
  reason: optionalFreeText({ max: 2000 }),
});

const appointInput = z.object({
  caseId: id,
  version: optionalVersion,
  name: optionalFreeText({ max: 200 }),
  convenorPersonId: id,
  memberPersonIds: idList,
  adjuncts: z.array(adjunctInput).max(30).default([]),
  /** The last day of the working group (set from the directive's end date when it is issued). */
  endOn: optionalDay,
});

/**
 * cases.appointWorkingGroup: on Yes, the body appoints an operational working group for
 * the case, from its own members with a convenor, adjunct people allowed. The group is a
 * temporary sub-body created through the structure module (its rules apply), ending when
 * the assignment ends.
 */
export const appointWorkingGroup = defineCommand({
  name: 'cases.appointWorkingGroup',
  input: appointInput,
  labels: caseLabels,
  async run(ctx, input) {
    const { kase, body } = await caseFor(ctx, input.caseId, 'cases.manage');
    checkAllowed(kase, 'appointWorkingGroup');
    const day = today(ctx.now);
    if (input.endOn && input.endOn < day) refuse('endOn', 'cases.refusal.workingGroupEndPassed');

    // Convenor and members come from the body itself.
    const fromBody = [...new Set([input.convenorPersonId, ...input.memberPersonIds])];
    const active = await ctx.tx
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.bodyId, body.id), inArray(memberships.personId, fromBody), lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day))));
    const inBody = new Set(active.map((a) => a.personId));
    if (!inBody.has(input.convenorPersonId)) refuse('convenorPersonId', 'cases.refusal.convenorFromBody', { body: body.name });
    const outsiders = input.memberPersonIds.filter((p) => !inBody.has(p));
    if (outsiders.length) {
      const names = await ctx.tx.select({ name: people.name }).from(people).where(inArray(people.id, outsiders));
      refuse('memberPersonIds', names.length ? 'cases.refusal.membersFromBody' : 'cases.refusal.membersFromBodyUnknown', { body: body.name, names: names.map((n) => n.name).join(', ') });
    }
    for (const [i, a] of input.adjuncts.entries()) {
      if (!a.reason) refuse(`adjuncts.${i}.reason`, 'cases.refusal.adjunctReason');
    }

    const name = input.name ?? `Arbetsgrupp: ${kase.title}`.slice(0, 200);
    const wg = await createBody.run(
      ctx,
      createBody.input.parse({
        structureId: kase.structureId,
        parentId: body.id,
        slug: `arbetsgrupp-${kase.year}-${kase.number}`,
        name,
        shortName: `AG ${caseRef(kase)}`.slice(0, 60),
        level: 'operational',
        kind: 'working_group',
        activeFrom: day,
        activeTo: input.endOn ?? null,
        substitutesAllowed: false,
      }),
      undefined,
    );
    // The commissioning body's managers appoint the people: the structure module's rules
    // of composition apply (its own managers would be the working group's, who do not exist yet).
    await addMembership(ctx, wg, { personId: input.convenorPersonId, role: 'convenor', startOn: day });
    for (const personId of input.memberPersonIds.filter((p) => p !== input.convenorPersonId)) {
      await addMembership(ctx, wg, { personId, role: 'member', startOn: day });
    }
    for (const [i, a] of input.adjuncts.entries()) {
      const person = await resolvePerson(ctx, a, { personId: `adjuncts.${i}.personId`, personEmail: `adjuncts.${i}.personEmail`, personName: `adjuncts.${i}.personName` });
      await addMembership(ctx, wg, { personId: person.id, role: 'adjunct', reason: a.reason, startOn: day });
    }

    const { kase: moved } = await applyTransition(ctx, kase, body, 'appointWorkingGroup', { note: name });
    const row = one(await ctx.tx.update(cases).set({ workingGroupBodyId: wg.id }).where(eq(cases.id, kase.id)).returning());
    await ctx.audit({ objectType: 'case', objectId: kase.id, before: moved, after: row });
    const [convenor] = await ctx.tx.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, input.convenorPersonId));
    await ownCaseLine(ctx, row, { personId: convenor!.id, name: convenor!.name }, day, input.endOn ?? null);
    await notifyAboutCase(
      ctx.tx,
      [input.convenorPersonId],
      {
        kind: CASE_ASSIGNED,
        caseId: kase.id,
        link: `/cases/${kase.id}`,
        text: (t) => ({ title: t('cases.mail.convenor.title', { group: name }), body: t('cases.mail.convenor.body', { body: body.name, ref: caseRef(kase) }) }),
      },
      { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL },
    );
    const [created] = await ctx.tx.select().from(bodies).where(eq(bodies.id, wg.id));
    return { kase: row, workingGroup: created! };
  },
  async sample(sc) {
    const db = sc.database.db;
    const world = await caseWorld(db);
    const kase = await fixtureCase(db, world, 'accepted');
    const adjunct = await fixturePerson(db);
    return {
      actor: world.secretary.actor,
      input: {
        caseId: kase.id,
        name: 'Arbetsgrupp subkutan vätska',
        convenorPersonId: world.members[0]!.id,
        memberPersonIds: [world.members[1]!.id, world.members[2]!.id],
        adjuncts: [{ personId: adjunct.id, reason: 'Apotekare med kunskap om vätskebehandling' }],
      },
    };
  },
});
