import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { requireLogin } from '../../../platform/auth/middleware.js';
import { formatDate, formatDateTime } from '../../../platform/time.js';
import { loadFollowUp } from '../follow-up.js';
import { FollowUpView } from '../views/follow-up.js';
import { pageDeps, type C } from './common.js';

/* GET /bodies/:bodyId/follow-up: the secretary's follow-up of a body ("Uppföljning"). */

async function followUpPage(c: C) {
  const { t, db, actor } = pageDeps(c);
  const data = await loadFollowUp(db, actor, c.req.param('bodyId') ?? '');
  const title = t('minutes.followUpPage.title', { body: data.body.name });
  return renderPage(
    c,
    {
      title,
      breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { href: `/bodies/${data.body.id}`, label: data.body.name }, { label: t('minutes.followUpPage.crumb') }],
    },
    <FollowUpView t={t} data={data} title={title} date={(iso) => formatDate(new Date(iso))} dateTime={(iso) => formatDateTime(new Date(iso))} />,
  );
}

export function followUpRoutes(app: Hono<AppEnv>): void {
  app.get('/bodies/:bodyId/follow-up', requireLogin, (c) => followUpPage(c));
}
