import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../commands.js';
import { AppError, ForbiddenError, ValidationError } from '../../http/errors.js';
import { anonymous } from '../actor.js';
import { hashPassword, PASSWORD_MIN, verifyPassword } from '../password.js';
import { passwordResets, people, sessions } from '../schema.js';
import { newToken, sha256 } from '../tokens.js';
import { enqueueMail } from '../../outbox/outbox.js';
import { samplePerson, SAMPLE_PASSWORD } from './samples.js';
import { translator } from '../../i18n/index.js';

export const RESET_TTL_MS = 60 * 60 * 1000;

const newPassword = z.string().min(PASSWORD_MIN).max(1000);

/** identity.changePassword: the signed-in person changes their own password; other sessions end. */
export const changePassword = defineCommand({
  name: 'identity.changePassword',
  input: z.object({ currentPassword: z.string().min(1).max(1000), newPassword, keepSessionId: z.string().max(200).optional() }),
  labels: (t) => ({ currentPassword: t('auth.currentPassword'), newPassword: t('auth.newPassword') }),
  async prepare(input, { database, actor }) {
    if (actor.kind !== 'person') throw new ForbiddenError();
    const rows = await database.db.select({ hash: people.passwordHash }).from(people).where(eq(people.id, actor.personId));
    if (!(await verifyPassword(rows[0]?.hash, input.currentPassword))) {
      throw new ValidationError([{ field: 'currentPassword', message: translator('sv')('auth.wrongCurrentPassword') }]);
    }
    return hashPassword(input.newPassword);
  },
  async run(ctx, input, prepared) {
    if (ctx.actor.kind !== 'person') throw new ForbiddenError();
    await ctx.tx.update(people).set({ passwordHash: prepared as string }).where(eq(people.id, ctx.actor.personId));
    const others = input.keepSessionId
      ? and(eq(sessions.personId, ctx.actor.personId), isNull(sessions.revokedAt), ne(sessions.id, input.keepSessionId))
      : and(eq(sessions.personId, ctx.actor.personId), isNull(sessions.revokedAt));
    await ctx.tx.update(sessions).set({ revokedAt: ctx.now }).where(others);
    await ctx.audit({ objectType: 'person', objectId: ctx.actor.personId, after: { passwordChanged: true } });
    return { changed: true };
  },
  async sample(sc) {
    const { actor } = await samplePerson(sc);
    return { actor, input: { currentPassword: SAMPLE_PASSWORD, newPassword: 'ett-nytt-lösenord-2' } };
  },
});

/** identity.requestPasswordReset: e-mails a one-time link when the address belongs to an active person. */
export const requestPasswordReset = defineCommand({
  name: 'identity.requestPasswordReset',
  input: z.object({ email: z.string().trim().toLowerCase().min(3).max(320), lang: z.enum(['sv', 'en']).default('sv') }),
  labels: (t) => ({ email: t('auth.email') }),
  async run(ctx, input) {
    const rows = await ctx.tx.select().from(people).where(eq(people.email, input.email)).limit(1);
    const person = rows[0];
    if (!person || person.status !== 'active') {
      await ctx.audit({ objectType: 'password_reset', objectId: 'unknown-address', after: { requested: true } });
      return { sent: false };
    }
    const token = newToken();
    await ctx.tx.insert(passwordResets).values({ tokenHash: sha256(token), personId: person.id, createdAt: ctx.now, expiresAt: new Date(ctx.now.getTime() + RESET_TTL_MS) });
    const t = translator(input.lang);
    const link = `${ctx.config.PUBLIC_URL.replace(/\/$/, '')}/password/reset/${token}`;
    await enqueueMail(ctx.tx, {
      to: [person.email!],
      subject: t('auth.reset.mailSubject'),
      text: t('auth.reset.mailBody', { name: person.name, link }),
    });
    await ctx.audit({ objectType: 'person', objectId: person.id, after: { resetRequested: true } });
    return { sent: true };
  },
  async sample(sc) {
    const { email } = await samplePerson(sc);
    return { actor: anonymous, input: { email } };
  },
});

/** identity.resetPassword: sets a new password with a one-time link; every session of the person ends. */
export const resetPassword = defineCommand({
  name: 'identity.resetPassword',
  input: z.object({ token: z.string().min(10).max(200), newPassword }),
  labels: (t) => ({ newPassword: t('auth.newPassword') }),
  async prepare(input) {
    return hashPassword(input.newPassword);
  },
  async run(ctx, input, prepared) {
    const hash = sha256(input.token);
    const rows = await ctx.tx
      .select()
      .from(passwordResets)
      .where(and(eq(passwordResets.tokenHash, hash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, ctx.now)))
      .limit(1);
    const reset = rows[0];
    if (!reset) throw new AppError(410, 'reset-link-expired', translator('sv')('auth.reset.expired'));
    await ctx.tx.update(passwordResets).set({ usedAt: ctx.now }).where(eq(passwordResets.tokenHash, hash));
    await ctx.tx.update(people).set({ passwordHash: prepared as string }).where(eq(people.id, reset.personId));
    await ctx.tx.update(sessions).set({ revokedAt: ctx.now }).where(and(eq(sessions.personId, reset.personId), isNull(sessions.revokedAt)));
    await ctx.audit({ objectType: 'person', objectId: reset.personId, after: { passwordReset: true } });
    return { personId: reset.personId };
  },
  async sample(sc) {
    const { personId } = await samplePerson(sc);
    const token = newToken();
    await sc.database.db.insert(passwordResets).values({ tokenHash: sha256(token), personId, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
    return { actor: anonymous, input: { token, newPassword: 'återställt-lösenord-3' } };
  },
});
