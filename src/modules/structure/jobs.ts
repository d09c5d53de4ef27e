import { and, eq, sql } from 'drizzle-orm';
import { defineJob } from '../../platform/outbox/outbox.js';
import { people } from '../../platform/auth/schema.js';
import { PERSON_LEFT_JOB } from './commands/end-engagement.js';
import './reminders.js';

/** After the last day of a person's engagement their account closes (status 'left'). */
export const personLeftJob = defineJob(PERSON_LEFT_JOB, async (job) => {
  const { personId, leftOn } = job.payload as { personId: string; leftOn: string };
  return {
    async finish(tx) {
      await tx
        .update(people)
        .set({ status: 'left', version: sql`${people.version} + 1` })
        .where(and(eq(people.id, personId), eq(people.leftOn, leftOn)));
    },
  };
});
