import { eq } from 'drizzle-orm';
import { notFound, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { oidcIdentities, passwordResets, people } from '../../../platform/auth/schema.js';
import { newToken, sha256 } from '../../../platform/auth/tokens.js';
import { enqueueMail } from '../../../platform/outbox/outbox.js';
import { today } from '../../../platform/days.js';
import { id } from '../inputs.js';
import { managesBodyOf } from '../queries/index.js';
import { fixturePerson } from '../samples.js';

/** How long an invitation link is valid. */
const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const TEXT = {
  sv: {
    subject: 'Inbjudan till Samverka',
    body: (name: string, inviter: string, link: string) =>
      `Hej ${name}!\n\n${inviter} har bjudit in dig till Samverka, där samverkansgrupperna mellan region och kommuner arbetar.\n\nVälj ett lösenord för att logga in (länken gäller i sju dagar):\n${link}\n\nDin inloggning är din e-postadress.`,
  },
  en: {
    subject: 'Invitation to Samverka',
    body: (name: string, inviter: string, link: string) =>
      `Hello ${name},\n\n${inviter} has invited you to Samverka, where the collaboration bodies of the region and the municipalities work.\n\nChoose a password to log in (the link is valid for seven days):\n${link}\n\nYou log in with your e-mail address.`,
  },
};

/**
 * structure.invitePerson: a contact (a person without a login) gets an e-mail with a
 * one-time link to choose a password, through the password reset flow.
 */
export const invitePerson = defineCommand({
  name: 'structure.invitePerson',
  input: z.object({ personId: id, lang: z.enum(['sv', 'en']).default('sv') }),
  async run(ctx, input) {
    const [person] = await ctx.tx.select().from(people).where(eq(people.id, input.personId));
    if (!person) notFound('structure.refuse.personNotFound');
    const manages = ctx.actor.kind === 'person' ? await managesBodyOf(ctx.tx, ctx.actor.personId, person.id, today(ctx.now)) : false;
    authorize(ctx.actor, 'structure.invitePerson', { managesABodyOfThePerson: manages });
    if (!person.email) refuse('personId', 'structure.refuse.inviteNoEmail', { name: person.name });
    if (person.status !== 'active') refuse('personId', 'structure.refuse.inviteLeft', { name: person.name });
    const oidc = await ctx.tx.select({ id: oidcIdentities.id }).from(oidcIdentities).where(eq(oidcIdentities.personId, person.id)).limit(1);
    if (person.passwordHash || oidc.length) refuse('personId', 'structure.refuse.inviteHasLogin', { name: person.name });
    const token = newToken();
    await ctx.tx.insert(passwordResets).values({ tokenHash: sha256(token), personId: person.id, createdAt: ctx.now, expiresAt: new Date(ctx.now.getTime() + INVITE_TTL_MS) });
    const link = `${ctx.config.PUBLIC_URL.replace(/\/$/, '')}/password/reset/${token}`;
    const text = TEXT[input.lang];
    const inviter = ctx.actor.kind === 'person' ? ctx.actor.name : 'Samverka';
    await enqueueMail(ctx.tx, { to: [person.email], subject: text.subject, text: text.body(person.name, inviter, link) });
    await ctx.audit({ objectType: 'person', objectId: person.id, after: { invited: true, email: person.email } });
    return { personId: person.id, email: person.email };
  },
  async sample(sc) {
    const p = await fixturePerson(sc.database.db, `Kontakt ${sc.unique('k')}`, `${sc.unique('kontakt')}@example.se`);
    return { actor: await sc.admin(), input: { personId: p.id } };
  },
});
