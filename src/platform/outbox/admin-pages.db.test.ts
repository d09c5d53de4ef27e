import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp, testConfig } from '../../../tests/helpers/app.js';
import { createLogger } from '../logger.js';
import { runDueJobs } from '../worker.js';
import { outboxAdminPages } from './admin-pages.js';
import { enqueue, enqueueMail, registerJob } from './outbox.js';
import { mailMessages } from './schema.js';

const db = useTestDatabase();

/** The whole app, plus the pages once more without a guard under /open (to read their content). */
function appWithOpenPages() {
  const { app } = createTestApp(db.current);
  app.route('/open', outboxAdminPages());
  return app;
}

beforeAll(async () => {
  const unregister = registerJob('test.always-fails', async () => {
    throw new Error('the archive service is down');
  });
  try {
    await enqueueMail(db.current.db, {
      to: ['gunilla@example.se', 'hans@example.se', 'ingrid@example.se'],
      subject: 'Justering av protokoll – Östra länet',
      text: 'Protokollet <b>väntar</b> på justering.',
      html: '<p>Protokollet väntar på justering.</p>',
    });
    await enqueue(db.current.db, { kind: 'test.always-fails', maxAttempts: 1 });
    await enqueue(db.current.db, { kind: 'test.waiting', runAt: new Date(Date.now() + 3_600_000) });
    await runDueJobs({ database: db.current, config: testConfig(), logger: createLogger('silent') });
  } finally {
    unregister();
  }
});

describe('outbox administrator pages', () => {
  it('are closed to a visitor who is not an administrator', async () => {
    const app = appWithOpenPages();
    for (const path of ['/admin/mail', '/admin/outbox', '/admin/mail/00000000-0000-4000-8000-000000000000']) {
      const res = await app.request(path);
      expect(res.status, path).not.toBe(200);
      expect(await res.text(), path).not.toContain('Östra länet');
    }
  });

  it('lists kept mail newest first, each readable on its own page', async () => {
    const app = appWithOpenPages();
    const html = await (await app.request('/open/admin/mail')).text();
    expect(html).toContain('<h1>Utgående e-post</h1>');
    expect(html).toContain('Ingen e-postserver är inställd');
    expect(html).toContain('Justering av protokoll – Östra länet');
    expect(html).toContain('gunilla@example.se, hans@example.se och 1 till');
    expect(html).toContain('Sparad, inte skickad');

    const [mail] = await db.current.db.select().from(mailMessages);
    const detail = await app.request(`/open/admin/mail/${mail!.id}`);
    expect(detail.status).toBe(200);
    const page = await detail.text();
    expect(page).toContain('gunilla@example.se, hans@example.se, ingrid@example.se');
    expect(page).toContain('Protokollet &lt;b&gt;väntar&lt;/b&gt; på justering.');
    expect(page).toContain('HTML-version (källkod)');
    expect(page).toContain('Inte skickad');
  });

  it('answers 404 for a mail that does not exist or a malformed id', async () => {
    const app = appWithOpenPages();
    expect((await app.request('/open/admin/mail/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await app.request('/open/admin/mail/not-a-uuid')).status).toBe(404);
  });

  it('lists waiting and failed jobs with their attempts and last error', async () => {
    const app = appWithOpenPages();
    const html = await (await app.request('/open/admin/outbox')).text();
    expect(html).toContain('<h1>Kö för e-post och jobb</h1>');
    expect(html).toContain('test.always-fails');
    expect(html).toContain('Misslyckades');
    expect(html).toContain('the archive service is down');
    expect(html).toContain('1 av 1');
    expect(html).toContain('test.waiting');
    expect(html).toContain('Väntar');
    expect(html).not.toContain('E-post</td>');
  });

  it('speaks English when asked', async () => {
    const app = appWithOpenPages();
    const html = await (await app.request('/open/admin/outbox', { headers: { cookie: 'lang=en' } })).text();
    expect(html).toContain('<h1>Queue of mail and jobs</h1>');
    expect(html).toContain('Failed');
    const mail = await (await app.request('/open/admin/mail?page=1', { headers: { cookie: 'lang=en' } })).text();
    expect(mail).toContain('and 1 more');
    expect(mail).toContain('Kept, not sent');
  });
});
