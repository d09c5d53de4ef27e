import type { HomeSection } from '../views/home.js';
import { unreadCount } from './queries.js';
import { collectWaiting } from './waiting.js';
import { WaitingSection } from './views.js';

// "Väntar på dig" on the home page, for a signed-in person only.
export const waitingHomeSection: HomeSection = async (c) => {
  const actor = c.get('actor');
  if (actor.kind !== 'person') return null;
  const { database, logger } = c.get('deps');
  const now = new Date();
  const [items, unread] = await Promise.all([collectWaiting({ db: database.db, personId: actor.personId, now, lang: c.get('lang') }, logger), unreadCount(database.db, actor.personId)]);
  return <WaitingSection t={c.get('t')} items={items} unread={unread} now={now} />;
};
