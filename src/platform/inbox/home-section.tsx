import { z } from 'zod';
import { defineHomeSection } from '../views/home.js';
import { unreadCount } from './queries.js';
import { collectWaiting } from './waiting.js';
import { WaitingSection } from './views.js';

const waitingSchema = z.object({
  items: z.array(
    z.object({
      kind: z.string().describe("What it is, e.g. 'meetings.deadline', 'minutes.approval.requested', 'cases.adoption'"),
      title: z.string(),
      due: z.string().nullable().describe('When it must be done (ISO 8601), if there is a date'),
      overdue: z.boolean(),
      link: z.string().describe('Relative URL of the page where it is done'),
    }),
  ),
  unread: z.number().int().describe('Unread notifications in the inbox'),
});
type WaitingData = z.infer<typeof waitingSchema>;

// "Väntar på dig" on the home page (and `waiting` in GET /api/me/overview), for a signed-in person only.
export const waitingHomeSection = defineHomeSection<WaitingData>({
  order: 20,
  key: 'waiting',
  schema: waitingSchema,
  async load(c) {
    const actor = c.get('actor');
    if (actor.kind !== 'person') return null;
    const { database, logger } = c.get('deps');
    const now = new Date();
    const [items, unread] = await Promise.all([collectWaiting({ db: database.db, personId: actor.personId, now, lang: c.get('lang') }, logger), unreadCount(database.db, actor.personId)]);
    return {
      items: items.map((i) => ({ kind: i.kind, title: i.title, due: i.due?.toISOString() ?? null, overdue: !!i.due && i.due.getTime() < now.getTime(), link: i.link })),
      unread,
    };
  },
  render(c, data) {
    const items = data.items.map((i) => ({ kind: i.kind, title: i.title, link: i.link, due: i.due ? new Date(i.due) : undefined }));
    return <WaitingSection t={c.get('t')} items={items} unread={data.unread} now={new Date()} />;
  },
});
