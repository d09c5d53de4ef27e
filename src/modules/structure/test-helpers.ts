import type { Database } from '../../platform/db/client.js';
import { execute, type CommandDef } from '../../platform/commands.js';
import { systemActor, type Actor } from '../../platform/auth/actor.js';
import type { z } from 'zod';
import { configSchema } from '../../config.js';
import { fixtureBody, fixtureMembership, fixturePerson, fixturePrincipal, fixtureSeat, fixtureStructure } from './samples.js';
import type { Body, PrincipalKind } from './schema.js';

/** Test helpers over a test database: run commands, build structures. */
export function structureTestKit(db: { readonly current: Database }) {
  const config = configSchema.parse({ LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const admin = systemActor('test');
  return {
    config,
    run<S extends z.ZodType, O>(def: CommandDef<S, O>, input: z.input<S>, options: { actor?: Actor; now?: Date } = {}): Promise<O> {
      return execute({ database: db.current, config }, options.actor ?? admin, def, input, { now: options.now });
    },
    async refusal<S extends z.ZodType, O>(def: CommandDef<S, O>, input: z.input<S>, options: { actor?: Actor; now?: Date } = {}): Promise<string> {
      try {
        await execute({ database: db.current, config }, options.actor ?? admin, def, input, { now: options.now });
      } catch (err) {
        const e = err as { message: string; fieldErrors?: { message: string }[] };
        return [e.message, ...(e.fieldErrors ?? []).map((f) => f.message)].join(' | ');
      }
      throw new Error(`${def.name} was not refused`);
    },
    structure: () => fixtureStructure(db.current.db),
    body: (structureId: string, values: Partial<Body> = {}) => fixtureBody(db.current.db, structureId, values),
    seat: (bodyId: string, kind: PrincipalKind | null, values: Parameters<typeof fixtureSeat>[2] = {}) => fixtureSeat(db.current.db, bodyId, { principalKind: kind, ...values }),
    person: (name?: string) => fixturePerson(db.current.db, name),
    principal: (kind: PrincipalKind) => fixturePrincipal(db.current.db, kind),
    membership: (values: Parameters<typeof fixtureMembership>[1]) => fixtureMembership(db.current.db, values),
  };
}
