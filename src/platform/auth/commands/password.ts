import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../../commands.js';
import { forbidden, refuse } from '../../refusals.js';
import { keyedError } from '../../refusals.js';
import { anonymous } from '../actor.js';
import { hashPassword, PASSWORD_MIN, verifyPassword } from '../password.js';
import { apiTokens, passwordResets, people, sessions } from '../schema.js';
import { createSession, sessionLifetime } from '../sessions.js';
import { newToken, sha256 } from '../tokens.js';
import { enqueueMail } from '../../outbox/outbox.js';
import { samplePerson, SAMPLE_PASSWORD } from './samples.js';
import { translator } from '../../i18n/index.js';

export const RESET_TTL_MS = 60 * 60 * 1000;

const newPassword = z.string().min(PASSWORD_MIN).max(1000);

/**
 * Ends what could still act for a person whose password changed: their API tokens, their
 * sessions and their unused reset links (a link just used is already marked used). Each
 * token's revocation is audited on the token; the counts go on the person's audit row.
 */
async function revokeCredentials(ctx: CommandContext, personId: string): Promise<{ sessionsEnded: number; apiTokensRevoked: number; resetLinksRevoked: number }> {
  const tokens = await ctx.tx
    .update(apiTokens)
    .set({ revokedAt: ctx.now })
    .where(and(eq(apiTokens.personId, personId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  for (const token of tokens) {
    await ctx.audit({ objectType: 'api_token', objectId: token.id, before: { name: token.name }, after: { revoked: true, reason: 'password' } });
  }
  const liveSessions = and(eq(sessions.personId, personId), isNull(sessions.revokedAt));
  const ended = await ctx.tx.update(sessions).set({ revokedAt: ctx.now }).where(liveSessions).returning({ id: sessions.id });
  const links = await ctx.tx
    .update(passwordResets)
    .set({ usedAt: ctx.now })
    .where(and(eq(passwordResets.personId, personId), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, ctx.now)))
    .returning({ hash: passwordResets.tokenHash });
  return { sessionsEnded: ended.length, apiTokensRevoked: tokens.length, resetLinksRevoked: links.length };
}

/**
 * identity.changePassword: the signed-in person changes their own password. Their other
 * sessions end, their API tokens are revoked and unused reset links stop working; the
 * current session (keepSessionId) is renewed: it ends too and a new one is returned.
 */
export const changePassword = defineCommand({
  name: 'identity.changePassword',
  input: z.object({ currentPassword: z.string().min(1).max(1000), newPassword, keepSessionId: z.string().max(200).optional() }),
  labels: (t) => ({ currentPassword: t('auth.currentPassword'), newPassword: t('auth.newPassword') }),
  async prepare(input, { database, actor }) {
    if (actor.kind !== 'person') return forbidden('auth.refused.personOnly');
    const rows = await database.db.select({ hash: people.passwordHash }).from(people).where(eq(people.id, actor.personId));
    if (!(await verifyPassword(rows[0]?.hash, input.currentPassword))) {
      refuse('currentPassword', 'auth.wrongCurrentPassword');
    }
    return hashPassword(input.newPassword);
  },
  async run(ctx, input, prepared) {
    if (ctx.actor.kind !== 'person') return forbidden('auth.refused.personOnly');
    const personId = ctx.actor.personId;
    await ctx.tx
      .update(people)
      .set({ passwordHash: prepared as string })
      .where(eq(people.id, personId));
    const current = input.keepSessionId
      ? (
          await ctx.tx
            .select()
            .from(sessions)
            .where(and(eq(sessions.id, input.keepSessionId), eq(sessions.personId, personId), isNull(sessions.revokedAt)))
        )[0]
      : undefined;
    const revoked = await revokeCredentials(ctx, personId);
    const renewed = current
      ? await createSession(ctx.tx, personId, { userAgent: current.userAgent ?? undefined, ip: current.ip ?? undefined, method: current.method }, ctx.now, sessionLifetime(ctx.config))
      : undefined;
    const sessionsEnded = revoked.sessionsEnded - (current ? 1 : 0);
    await ctx.audit({ objectType: 'person', objectId: personId, after: { passwordChanged: true, ...revoked, sessionsEnded, sessionRenewed: Boolean(renewed) } });
    return { changed: true, sessionToken: renewed?.token, ...revoked, sessionsEnded };
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

/** identity.resetPassword: sets a new password with a one-time link; every session, API token and other reset link of the person ends. */
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
    if (!reset) throw keyedError(410, 'reset-link-expired', 'auth.reset.expired');
    await ctx.tx.update(passwordResets).set({ usedAt: ctx.now }).where(eq(passwordResets.tokenHash, hash));
    await ctx.tx
      .update(people)
      .set({ passwordHash: prepared as string })
      .where(eq(people.id, reset.personId));
    const revoked = await revokeCredentials(ctx, reset.personId);
    await ctx.audit({ objectType: 'person', objectId: reset.personId, after: { passwordReset: true, ...revoked } });
    return { personId: reset.personId };
  },
  async sample(sc) {
    const { personId } = await samplePerson(sc);
    const token = newToken();
    await sc.database.db.insert(passwordResets).values({ tokenHash: sha256(token), personId, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
    return { actor: anonymous, input: { token, newPassword: 'återställt-lösenord-3' } };
  },
});
