import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { startSmtpServer, type TestSmtp } from '../../tests/helpers/smtp.js';
import { simpleParser } from 'mailparser';
import { useTestDatabase } from '../../tests/helpers/db.js';
import { testConfig } from '../../tests/helpers/app.js';
import { createLogger } from './logger.js';
import { icalendarMethod } from './mail.js';
import { enqueueMail } from './outbox/outbox.js';
import { mailMessages, outbox } from './outbox/schema.js';
import { runDueJobs, startWorker, type WorkerDeps } from './worker.js';

const db = useTestDatabase();
const database = () => db.current;
const logger = createLogger('silent');
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);

/** A real SMTP server on a free port of 127.0.0.1 that keeps every message it accepts. */
let smtp: TestSmtp;
let received: TestSmtp['received'];
let smtpUrl: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  received = smtp.received;
  smtpUrl = smtp.url;
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(async () => {
  received.length = 0;
  smtp.refuse = undefined;
  await database().db.delete(mailMessages);
  await database().db.delete(outbox);
});

const smtpDeps = (): WorkerDeps => ({ database: database(), config: testConfig({ SMTP_URL: smtpUrl }), logger });
const keptDeps = (): WorkerDeps => ({ database: database(), config: testConfig(), logger });

const invitation = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Samverka//Test//SV',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:meeting-1@samverka.local',
  'DTSTAMP:20261120T090000Z',
  'DTSTART:20261123T133000Z',
  'DTEND:20261123T150000Z',
  'SUMMARY:Styrgruppsmöte i Örebro',
  'LOCATION:Sammanträdesrum Älven',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('mail through a real SMTP server', () => {
  it('sends Swedish text and a calendar invitation, and records what was sent', async () => {
    const created = await database().db.transaction((tx) =>
      enqueueMail(tx, {
        to: ['anna.lindqvist@example.se', 'bo.akesson@example.se'],
        subject: 'Kallelse: styrgruppsmöte i Örebro – åäö ÅÄÖ',
        text: 'Hej!\n\nVälkommen till mötet. Dagordningen är bifogad.\n\nMed vänlig hälsning\nSamverka',
        html: '<p>Hej!</p><p>Välkommen till mötet.</p>',
        icalendar: invitation,
      }),
    );
    expect(received).toHaveLength(0);

    const summary = await runDueJobs(smtpDeps());
    expect(summary).toMatchObject({ claimed: 1, done: 1, retried: 0, dead: 0 });
    expect(received).toHaveLength(1);
    const message = received[0]!;
    expect(message.from).toBe('noreply@samverka.local');
    expect(message.to.sort()).toEqual(['anna.lindqvist@example.se', 'bo.akesson@example.se']);

    const parsed = await simpleParser(message.raw);
    expect(parsed.subject).toBe('Kallelse: styrgruppsmöte i Örebro – åäö ÅÄÖ');
    expect(parsed.text?.trim()).toBe('Hej!\n\nVälkommen till mötet. Dagordningen är bifogad.\n\nMed vänlig hälsning\nSamverka');
    expect(parsed.html).toContain('Välkommen till mötet.');
    const raw = message.raw.toString('utf8');
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const calendar = parsed.attachments.find((a) => a.contentType === 'text/calendar');
    expect(calendar, 'a text/calendar part').toBeDefined();
    expect(calendar!.content.toString('utf8')).toContain('SUMMARY:Styrgruppsmöte i Örebro');

    const [stored] = await database().db.select().from(mailMessages).where(eq(mailMessages.outboxId, created!.id));
    expect(stored).toMatchObject({
      transport: 'smtp',
      from: 'Samverka <noreply@samverka.local>',
      to: ['anna.lindqvist@example.se', 'bo.akesson@example.se'],
      subject: 'Kallelse: styrgruppsmöte i Örebro – åäö ÅÄÖ',
      icalendar: invitation,
    });
    expect(stored!.sentAt).toBeInstanceOf(Date);
    expect(stored!.messageId).toBe(parsed.messageId);
    const [row] = await database().db.select().from(outbox).where(eq(outbox.id, created!.id));
    expect(row).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('retries when the server refuses, and dead-letters after the last attempt', async () => {
    smtp.refuse = 'Mailbox temporarily unavailable';
    const created = await enqueueMail(database().db, {
      to: ['cecilia@example.se'],
      subject: 'Påminnelse',
      text: 'Mötet börjar i morgon.',
      maxAttempts: 2,
    });
    expect(await runDueJobs(smtpDeps())).toMatchObject({ claimed: 1, retried: 1, dead: 0 });
    let [row] = await database().db.select().from(outbox).where(eq(outbox.id, created!.id));
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toMatch(/451/);
    expect(row!.lastError).toMatch(/Mailbox temporarily unavailable/);
    expect(row!.runAt.getTime()).toBeGreaterThan(Date.now() + 30_000);

    expect(await runDueJobs(smtpDeps(), { now: minutesFromNow(5) })).toMatchObject({ claimed: 1, retried: 0, dead: 1 });
    [row] = await database().db.select().from(outbox).where(eq(outbox.id, created!.id));
    expect(row).toMatchObject({ status: 'dead', attempts: 2 });
    expect(received).toHaveLength(0);
    expect(await database().db.select().from(mailMessages)).toHaveLength(0);
  });

  it('retries when no server answers at all', async () => {
    const closed = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const created = await enqueueMail(database().db, { to: ['david@example.se'], subject: 'Protokoll', text: 'Protokollet är justerat.' });
    const deps: WorkerDeps = { database: database(), config: testConfig({ SMTP_URL: `smtp://127.0.0.1:${port}` }), logger };
    expect(await runDueJobs(deps)).toMatchObject({ claimed: 1, retried: 1 });
    const [row] = await database().db.select().from(outbox).where(eq(outbox.id, created!.id));
    expect(row!.status).toBe('pending');
    expect(row!.lastError).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
  });
});

describe('kept mode (no SMTP_URL)', () => {
  it('sends nothing and keeps the mail for administrators', async () => {
    const created = await enqueueMail(database().db, {
      to: ['eva@example.se'],
      subject: 'Välkommen till Samverka',
      text: 'Ditt konto är skapat.',
      icalendar: invitation,
    });
    expect(await runDueJobs(keptDeps())).toMatchObject({ claimed: 1, done: 1 });
    expect(received).toHaveLength(0);
    const [stored] = await database().db.select().from(mailMessages).where(eq(mailMessages.outboxId, created!.id));
    expect(stored).toMatchObject({
      transport: 'kept',
      sentAt: null,
      messageId: null,
      to: ['eva@example.se'],
      subject: 'Välkommen till Samverka',
      text: 'Ditt konto är skapat.',
      icalendar: invitation,
    });
  });

  it('dead-letters a mail whose payload is not a mail, without retrying', async () => {
    const [bad] = await database()
      .db.insert(outbox)
      .values({ kind: 'mail', payload: { to: 'nobody' } })
      .returning();
    expect(await runDueJobs(keptDeps())).toMatchObject({ claimed: 1, dead: 1 });
    const [row] = await database().db.select().from(outbox).where(eq(outbox.id, bad!.id));
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row!.lastError).toMatch(/Invalid mail payload/);
  });
});

describe('the polling worker', () => {
  it('sends what is enqueued while it runs, and stops cleanly', async () => {
    const worker = startWorker(smtpDeps(), { intervalMs: 50, workerId: 'test-worker' });
    try {
      await enqueueMail(database().db, { to: ['fredrik@example.se'], subject: 'Nytt ärende', text: 'Ett ärende väntar på dig.' });
      const deadline = Date.now() + 60_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await worker.stop();
    }
    expect(received).toHaveLength(1);
    expect((await simpleParser(received[0]!.raw)).subject).toBe('Nytt ärende');
    const [row] = await database().db.select().from(outbox);
    expect(row).toMatchObject({ status: 'done' });
  });
});

describe('iCalendar method', () => {
  it('reads METHOD from the object, REQUEST when absent', () => {
    expect(icalendarMethod(invitation)).toBe('REQUEST');
    expect(icalendarMethod('BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR')).toBe('CANCEL');
    expect(icalendarMethod('BEGIN:VCALENDAR\r\nEND:VCALENDAR')).toBe('REQUEST');
  });
});
