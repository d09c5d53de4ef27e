import type { SampleContext } from '../../commands.js';
import { samplePerson } from '../../auth/commands/samples.js';
import { notifications } from '../schema.js';
import { SYSTEM_MESSAGE } from '../kinds.js';
import { one } from '../../db/rows.js';

/** A person with one unread notification, for command samples. */
export async function samplePersonWithNotification(sc: SampleContext) {
  const person = await samplePerson(sc);
  const row = one(
    await sc.database.db.insert(notifications).values({ personId: person.personId, kind: SYSTEM_MESSAGE, title: 'Nytt protokoll att justera', link: '/inbox', delivery: 'off' }).returning(),
  );
  return { ...person, notificationId: row.id };
}
