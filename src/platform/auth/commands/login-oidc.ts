import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../commands.js';
import { AppError } from '../../http/errors.js';
import { optionalFreeText } from '../../pin.js';
import { anonymous } from '../actor.js';
import { oidcIdentities, people, type Person } from '../schema.js';
import { createSession, sessionLifetime } from '../sessions.js';
import { samplePerson } from './samples.js';

/** Why an identity from the provider cannot log in; the login route explains each in the visitor's language. */
export type OidcRefusal = 'no-account' | 'unverified' | 'inactive';

export class OidcLoginRefused extends AppError {
  constructor(
    readonly reason: OidcRefusal,
    readonly email: string | undefined,
  ) {
    super(403, `oidc-${reason}`, `OpenID Connect login refused (${reason})`);
  }
}

/** An identity the identity provider has vouched for: the route has already validated its ID token. */
export const loginOidcInput = z.object({
  issuer: z.url({ protocol: /^https?$/ }).max(500),
  subject: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().max(320).optional(),
  emailVerified: z.boolean(),
  name: optionalFreeText({ max: 300 }),
  ip: z.string().max(100).optional(),
  userAgent: z.string().max(300).optional(),
});

/**
 * identity.loginOidc: opens a session for the person an OpenID Connect identity belongs to.
 * An identity already linked (issuer + subject) logs in its person, whatever e-mail it has
 * now. Otherwise it is linked to the active person with the same e-mail address, but only
 * when the provider has verified that address. Accounts are never created here.
 */
export const loginOidc = defineCommand({
  name: 'identity.loginOidc',
  input: loginOidcInput,
  async run(ctx, input) {
    const linked = await ctx.tx
      .select({ identityId: oidcIdentities.id, person: people })
      .from(oidcIdentities)
      .innerJoin(people, eq(people.id, oidcIdentities.personId))
      .where(and(eq(oidcIdentities.issuer, input.issuer), eq(oidcIdentities.subject, input.subject)))
      .limit(1);
    let person: Person;
    let identityId: string;
    let linkedNow = false;
    if (linked[0]) {
      person = linked[0].person;
      identityId = linked[0].identityId;
    } else {
      if (!input.email) throw new OidcLoginRefused('no-account', undefined);
      if (!input.emailVerified) throw new OidcLoginRefused('unverified', input.email);
      const found = await ctx.tx.select().from(people).where(eq(people.email, input.email)).limit(1);
      if (!found[0]) throw new OidcLoginRefused('no-account', input.email);
      person = found[0];
      if (person.status !== 'active') throw new OidcLoginRefused('inactive', input.email);
      const inserted = await ctx.tx
        .insert(oidcIdentities)
        .values({ personId: person.id, issuer: input.issuer, subject: input.subject, createdAt: ctx.now })
        .onConflictDoNothing()
        .returning({ id: oidcIdentities.id });
      if (inserted[0]) {
        identityId = inserted[0].id;
        linkedNow = true;
      } else {
        // A simultaneous first login linked it a moment ago: use that link.
        const again = await ctx.tx
          .select({ id: oidcIdentities.id, personId: oidcIdentities.personId })
          .from(oidcIdentities)
          .where(and(eq(oidcIdentities.issuer, input.issuer), eq(oidcIdentities.subject, input.subject)))
          .limit(1);
        if (!again[0] || again[0].personId !== person.id) throw new OidcLoginRefused('no-account', input.email);
        identityId = again[0].id;
      }
    }
    if (person.status !== 'active') throw new OidcLoginRefused('inactive', input.email);
    const session = await createSession(ctx.tx, person.id, { ip: input.ip, userAgent: input.userAgent, method: 'oidc' }, ctx.now, sessionLifetime(ctx.config));
    await ctx.tx.update(people).set({ lastLoginAt: ctx.now }).where(eq(people.id, person.id));
    // The subject is left out of the trail: some providers use an identity number as subject.
    await ctx.audit({
      objectType: 'person',
      objectId: person.id,
      after: {
        session: session.id.slice(0, 12),
        method: 'oidc',
        issuer: input.issuer,
        identity: identityId,
        linked: linkedNow,
        ip: input.ip ?? null,
      },
    });
    return { token: session.token, personId: person.id, linked: linkedNow };
  },
  async sample(sc) {
    const { email } = await samplePerson(sc);
    return {
      actor: anonymous,
      input: { issuer: 'https://idp.example.se', subject: sc.unique('sub'), email, emailVerified: true, name: 'Provperson Från Idp' },
    };
  },
});
