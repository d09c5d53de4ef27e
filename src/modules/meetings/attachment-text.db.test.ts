import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { Document, Packer, Paragraph } from 'docx';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../structure/samples.js';
import type { Body } from '../structure/schema.js';
import { attachments, itemSubmissions } from './schema.js';
import { fixtureMeeting } from './samples.js';

/*
 * Attachments are checked like free text: a file whose text holds something that looks
 * like a personal identity number is refused with the matched text, and a file whose text
 * cannot be read is refused too (upload-text). Through the member's submission page, the
 * secretary's upload form and the API.
 */

const db = useTestDatabase();
let body: Body;
let secretary: TestPerson;
let member: TestPerson;

async function pdf(text: string, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const docx = (...paragraphs: string[]) => Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] }));

async function client(p: TestPerson) {
  const app = createTestApp(db.current).app;
  const c = new TestClient(app);
  expect((await c.login(p.email, p.password)).status).toBe(303);
  /** A multipart form as a browser sends it, with the session and CSRF token. */
  const multipart = async (path: string, fields: Record<string, string>, files: { field: string; name: string; data: Buffer }[]) => {
    const form = new FormData();
    form.set('_csrf', await c.csrf());
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    for (const f of files) form.append(f.field, new File([new Uint8Array(f.data)], f.name));
    const res = await app.request(path, { method: 'POST', body: form, headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    // Keep the cookies it sets (the flash message of a redirect).
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      c.cookies.set(name!.trim(), value.join('='));
    }
    return res;
  };
  return { c, multipart };
}

const stored = (meetingId: string) => db.current.db.select({ filename: attachments.filename }).from(attachments).where(eq(attachments.meetingId, meetingId));

beforeAll(async () => {
  const d = db.current.db;
  const { structure } = await fixtureStructure(d);
  body = await fixtureBody(d, structure.id, { name: 'Bilagegruppen' });
  secretary = await inboxPerson(db.current, { login: true, name: 'Sanna Sekreterare' });
  member = await inboxPerson(db.current, { login: true, name: 'Linnea Ledamot' });
  await fixtureMembership(d, { bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
  await fixtureMembership(d, { bodyId: body.id, personId: member.id, role: 'member', startOn: '2020-01-01' });
});

describe('identity numbers in attachments', () => {
  it('refuses a submitted PDF whose text holds a number, showing it and keeping the form; accepts a clean one', async () => {
    const m = await fixtureMeeting(db.current.db, body, 20);
    const { multipart } = await client(member);
    const fields = { title: 'Barn som anhöriga', description: 'Underlag bifogas.' };
    const refused = await multipart(`/meetings/${m.id}/submit`, fields, [{ field: 'attachments', name: 'underlag.pdf', data: await pdf('Gäller 121212 - 1212 som hörde av sig.') }]);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('underlag.pdf: filen innehåller något som ser ut som ett personnummer eller samordningsnummer (”121212 - 1212”)');
    expect(html).toContain('value="Barn som anhöriga"');
    expect(await db.current.db.select().from(itemSubmissions).where(eq(itemSubmissions.meetingId, m.id))).toEqual([]);
    expect(await stored(m.id)).toEqual([]);

    const ok = await multipart(`/meetings/${m.id}/submit`, fields, [{ field: 'attachments', name: 'underlag.pdf', data: await pdf('Lägesbild vecka 45, möte 2024-12-12 09.00 - 12.00.') }]);
    expect(ok.status).toBe(303);
    expect(await stored(m.id)).toEqual([{ filename: 'underlag.pdf' }]);
  });

  it('refuses a Word file with a number through the secretary’s upload form; accepts a clean one', async () => {
    const m = await fixtureMeeting(db.current.db, body, 20);
    const { c, multipart } = await client(secretary);
    // The upload form answers a refusal as its other forms do: back to the agenda builder with the message.
    const refused = await multipart(`/meetings/${m.id}/attachments`, { itemId: '' }, [{ field: 'file', name: 'lista.docx', data: await docx('Deltagare', 'Anna 19121212-1212') }]);
    expect(refused.status).toBe(303);
    expect(await (await c.get(refused.headers.get('location')!)).text()).toContain('lista.docx: filen innehåller något som ser ut som ett personnummer eller samordningsnummer (”19121212-1212”)');
    expect(await stored(m.id)).toEqual([]);

    const ok = await multipart(`/meetings/${m.id}/attachments`, { itemId: '' }, [{ field: 'file', name: 'lista.docx', data: await docx('Deltagare', 'Anna Andersson, Region Örebro län') }]);
    expect(ok.status).toBe(303);
    expect(await stored(m.id)).toEqual([{ filename: 'lista.docx' }]);
  });

  it('answers the API with problem details in the reader’s language, for a number and for a file it cannot read', async () => {
    const m = await fixtureMeeting(db.current.db, body, 20);
    const { c } = await client(secretary);
    c.cookies.set('lang', 'en');
    const post = async (filename: string, data: Buffer) =>
      c.json('POST', `/api/meetings/${m.id}/items`, { title: 'Med bilaga', attachments: [{ filename, content: data.toString('base64') }] }, { 'x-csrf-token': await c.csrf() });
    const pin = await post('underlag.docx', await docx('Gäller 121212 – 1212'));
    expect(pin.status).toBe(422);
    const problem = (await pin.json()) as { errors: { pointer: string; detail: string }[] };
    expect(problem.errors).toEqual([
      {
        pointer: '/attachments',
        detail:
          'underlag.docx: the file contains something that looks like a Swedish personal identity number or coordination number (”121212 – 1212”). Samverka must not hold patient data – remove the number from the file and upload it again.',
      },
    ]);
    const locked = await post('hemlig.pdf', await pdf('Inget att se här', { userPassword: 'hemligt' }));
    expect(locked.status).toBe(422);
    expect(((await locked.json()) as { errors: { detail: string }[] }).errors[0]!.detail).toContain('hemlig.pdf: the text of the file could not be read, so it cannot be checked.');
    expect(await stored(m.id)).toEqual([]);
    expect((await post('underlag.docx', await docx('Lägesbild vecka 45'))).status).toBe(201);
  });
});
