import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../../platform/http/context.js';
import { readForm, runCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { requireLogin } from '../../../platform/auth/middleware.js';
import { meetingPage, type MeetingLinks } from '../../meetings/index.js';
import { setCurrentItem } from '../commands/index.js';
import { loadLiveState } from '../state.js';
import { liveEvents } from './events.js';
import { livePage } from './live-page.js';

// The meeting page links here once the meeting has started and there is an agenda to follow.
export const liveMeetingLinks: MeetingLinks = {
  order: 10,
  links: ({ meeting, agendaVisible, started }) => (agendaVisible && started ? { href: `/meetings/${meeting.id}/live`, label: 'live.open' } : null),
};

const moveInput = z.object({
  itemId: z.uuid().optional(),
  move: z.enum(['next', 'previous', 'start', 'pause']).optional(),
});

export function livePages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/meetings/:id/live', requireLogin);
  app.use('/meetings/:id/live/*', requireLogin);

  app.get('/meetings/:id/live', livePage);
  app.get('/meetings/:id/live/events', liveEvents);

  app.post('/meetings/:id/live/current', async (c) => {
    const t = c.get('t');
    const loaded = await meetingPage(c);
    const values = parseOrThrow(moveInput, await readForm(c), c.get('t'));
    const state = (await loadLiveState(c.get('deps').database.db, loaded.meeting.id))!;
    const index = state.items.findIndex((i) => i.id === state.currentItemId);
    let itemId: string | null = values.itemId ?? null;
    if (values.move === 'next' || values.move === 'start') itemId = state.items[Math.min(index + 1, state.items.length - 1)]?.id ?? null;
    if (values.move === 'previous') itemId = state.items[Math.max(index - 1, 0)]?.id ?? null;
    if (values.move === 'pause') itemId = null;
    await runCommand(c, setCurrentItem, { meetingId: loaded.meeting.id, itemId });
    const item = state.items.find((i) => i.id === itemId);
    setFlash(c, { kind: 'success', message: item ? t('live.moved', { item: `${item.number}. ${item.title}` }) : t('live.pausedFlash') });
    return c.redirect(`/meetings/${loaded.meeting.id}/live`, 303);
  });

  return app;
}
