import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../commands.js';
import { conflict } from '../../refusals.js';
import { one } from '../../db/rows.js';
import { authorize } from '../authorize.js';
import { hashPassword, PASSWORD_MIN } from '../password.js';
import { people } from '../schema.js';
import { sortKey } from '../../sortkey.js';
import { freeText } from '../../pin.js';

export const createPersonInput = z.object({
  name: freeText({ min: 1, max: 200 }),
  email: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().toLowerCase().email().max(320).optional()),
  title: freeText({ max: 200 }).optional(),
  isAdmin: z.boolean().default(false),
  password: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(PASSWORD_MIN).max(1000).optional()),
});

/** identity.createPerson: an administrator adds a person (a contact, or an account when a password is set). */
export const createPerson = defineCommand({
  name: 'identity.createPerson',
  input: createPersonInput,
  labels: (t) => ({ name: t('people.name'), email: t('auth.email'), title: t('people.title'), password: t('auth.password') }),
  async prepare(input) {
    return input.password ? hashPassword(input.password) : null;
  },
  async run(ctx, input, prepared) {
    authorize(ctx.actor, 'admin.manage', null);
    if (input.email) {
      const existing = await ctx.tx.select({ id: people.id }).from(people).where(eq(people.email, input.email)).limit(1);
      if (existing.length) conflict('auth.refused.emailTaken', { email: input.email }, 'email-taken');
    }
    const row = one(
      await ctx.tx
        .insert(people)
        .values({
          name: input.name,
          sortKey: sortKey(input.name),
          email: input.email ?? null,
          title: input.title ?? null,
          isAdmin: input.isAdmin,
          passwordHash: (prepared as string | null) ?? null,
        })
        .returning(),
    );
    const { passwordHash: _ignored, ...visible } = row;
    await ctx.audit({ objectType: 'person', objectId: row.id, after: visible });
    return row;
  },
  async sample(sc) {
    return { actor: await sc.admin(), input: { name: 'Anna Exempel', email: `${sc.unique('anna')}@example.se`, isAdmin: false } };
  },
});
