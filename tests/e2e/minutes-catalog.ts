import { and, asc, desc, eq, gt, isNotNull, lt } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client.js';
import { bodies, structures } from '../../src/modules/structure/schema.js';
import { meetings } from '../../src/modules/meetings/schema.js';
import { decisions, minutes } from '../../src/modules/minutes/schema.js';
import { seedMinutes } from '../../src/modules/minutes/index.js';
import { testConfig } from '../helpers/app.js';
import { demoMeetings } from './meetings-catalog.js';

export interface DemoMinutes {
  bodyId: string;
  structureSlug: string;
  /** The latest held meeting: minutes in approval or in draft. */
  draftMeetingId: string;
  /** An earlier held meeting: locked minutes (version 1). */
  lockedMeetingId: string;
  /** A public body with published minutes, one of its published meetings and a decision shown publicly. */
  publicBodyId: string;
  publicStructureSlug: string;
  publishedMeetingId: string;
  publicDecisionId: string;
}

const cache = new WeakMap<Database, Promise<DemoMinutes>>();

/**
 * The demo minutes the catalog's examples use: those of the demo meetings' body (written by
 * the demo seed, or here when the catalog made a body of its own), and a public body's
 * published minutes.
 */
export function demoMinutes(database: Database): Promise<DemoMinutes> {
  let found = cache.get(database);
  if (!found) {
    found = (async () => {
      const d = database.db;
      const m = await demoMeetings(database);
      await seedMinutes(database, testConfig());
      const now = new Date();
      const held = await d
        .select({ id: meetings.id, locked: minutes.lockedVersion })
        .from(meetings)
        .innerJoin(minutes, eq(minutes.meetingId, meetings.id))
        .where(and(eq(meetings.bodyId, m.bodyId), lt(meetings.startsAt, now)))
        .orderBy(desc(meetings.startsAt));
      const draft = held[0]!;
      const locked = held.find((h) => h.locked > 0) ?? draft;
      let [pub] = await d
        .select({ decisionId: decisions.id, bodyId: decisions.bodyId, meetingId: decisions.meetingId, slug: structures.slug })
        .from(decisions)
        .innerJoin(minutes, eq(minutes.meetingId, decisions.meetingId))
        .innerJoin(bodies, eq(bodies.id, decisions.bodyId))
        .innerJoin(structures, eq(structures.id, bodies.structureId))
        .where(and(isNotNull(minutes.publishedAt), eq(bodies.isPublic, true), eq(decisions.internal, false), gt(minutes.lockedVersion, 0)))
        .orderBy(asc(decisions.createdAt))
        .limit(1);
      if (!pub) {
        // No public body among the demo's: make the catalog's body public and publish its locked minutes.
        await d.update(bodies).set({ isPublic: true }).where(eq(bodies.id, m.bodyId));
        await d.update(minutes).set({ publishedAt: now }).where(eq(minutes.meetingId, locked.id));
        const [dec] = await d.select({ id: decisions.id }).from(decisions).where(eq(decisions.meetingId, locked.id)).limit(1);
        pub = { decisionId: dec!.id, bodyId: m.bodyId, meetingId: locked.id, slug: m.structureSlug };
      }
      return {
        bodyId: m.bodyId,
        structureSlug: m.structureSlug,
        draftMeetingId: draft.id,
        lockedMeetingId: locked.id,
        publicBodyId: pub.bodyId,
        publicStructureSlug: pub.slug,
        publishedMeetingId: pub.meetingId,
        publicDecisionId: pub.decisionId,
      };
    })();
    cache.set(database, found);
  }
  return found;
}
