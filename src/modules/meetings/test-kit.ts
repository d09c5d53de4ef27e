import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../platform/db/client.js';
import { execute, type CommandDef } from '../../platform/commands.js';
import type { Actor } from '../../platform/auth/actor.js';
import { people } from '../../platform/auth/schema.js';
import { configSchema } from '../../config.js';
import { createLogger } from '../../platform/logger.js';
import { drainDueJobs } from '../../platform/worker.js';
import { notifications } from '../../platform/inbox/schema.js';
import { fixtureBody, fixtureMembership, fixturePerson, fixtureSeat, fixtureStructure } from '../structure/samples.js';
import type { Body } from '../structure/schema.js';
import type { BodyRole } from '../../platform/auth/roles.js';
import { personActor } from './samples.js';

/** Test helpers for the meetings module over a test database. */
export function meetingsTestKit(db: { readonly current: Database }) {
  const config = configSchema.parse({ LOG_LEVEL: 'silent', NODE_ENV: 'test', PUBLIC_URL: 'https://samverka.example.se' });
  const logger = createLogger('silent');
  let n = 0;
  const kit = {
    config,
    run<S extends z.ZodType, O>(actor: Actor, def: CommandDef<S, O>, input: z.input<S>, now?: Date): Promise<O> {
      return execute({ database: db.current, config }, actor, def, input, { now });
    },
    /** The refusal's messages joined, or throws when the command was not refused. */
    async refusal<S extends z.ZodType, O>(actor: Actor, def: CommandDef<S, O>, input: z.input<S>, now?: Date): Promise<{ status: number; message: string }> {
      try {
        await execute({ database: db.current, config }, actor, def, input, { now });
      } catch (err) {
        const e = err as { status?: number; message: string; fieldErrors?: { message: string }[] };
        return { status: e.status ?? 500, message: [e.message, ...(e.fieldErrors ?? []).map((f) => f.message)].join(' | ') };
      }
      throw new Error(`${def.name} was not refused`);
    },
    /** Runs the worker until nothing more is due at `now`. */
    async jobs(now: Date) {
      return (await drainDueJobs({ database: db.current, config, logger }, { now })).done;
    },
    /** A structure with a body (settings as given) and a secretary, a member with a seat and a substitute for them. */
    async body(values: Partial<Body> = {}) {
      const d = db.current.db;
      const { structure, region } = await fixtureStructure(d);
      const body = await fixtureBody(d, structure.id, { callOpensDays: 14, submissionDeadlineDays: 7, agendaPublishDays: 5, ...values });
      const seat = await fixtureSeat(d, body.id, { function: 'Närsjukvårdsområde väster', representation: 'principal', principalId: region.id, principalKind: 'region' });
      const secretary = await kit.person(body, 'secretary', 'Sara Sekreterare');
      const member = await kit.person(body, 'member', 'Elin Ledamot', { seatId: seat.id });
      const substitute = await kit.person(body, 'substitute', 'Olof Ersättare', { substituteForMembershipId: member.membership.id });
      return { structure, region, body, seat, secretary, member, substitute };
    },
    async person(body: Body, role: BodyRole, name?: string, extra: { seatId?: string; substituteForMembershipId?: string } = {}) {
      const person = await fixturePerson(db.current.db, name ? `${name} ${++n}` : undefined);
      const membership = await fixtureMembership(db.current.db, { bodyId: body.id, personId: person.id, role, startOn: '2020-01-01', ...extra });
      return { person, membership, actor: personActor(person) };
    },
    async inbox(personId: string) {
      return db.current.db.select().from(notifications).where(eq(notifications.personId, personId)).orderBy(notifications.createdAt);
    },
    async setLanguage(personId: string, language: 'sv' | 'en') {
      await db.current.db.update(people).set({ language }).where(eq(people.id, personId));
    },
  };
  return kit;
}
