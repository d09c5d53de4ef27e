import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { fixtureBody, fixtureSeat, fixtureStructure } from './samples.js';
import { mandateVersions } from './schema.js';

/*
 * A body's page and the list of structures (issue #15, point 8): the function seats under
 * one caption, the mandate's lists as lists, and the number of bodies of each structure.
 */

const db = useTestDatabase();
const page = async (path: string, headers: Record<string, string> = {}) => {
  const res = await createTestApp(db.current).app.request(path, { headers });
  expect(res.status, path).toBe(200);
  return res.text();
};
const count = (html: string, text: string) => html.split(text).length - 1;

describe("a body's page and the structures list", () => {
  it('shows the seats without a principal under one caption, whatever kind of principal each seat asks for', async () => {
    const { structure } = await fixtureStructure(db.current.db);
    const body = await fixtureBody(db.current.db, structure.id, { isPublic: true });
    await fixtureSeat(db.current.db, body.id, { function: 'Läkare med kommunalt uppdrag', principalKind: 'municipality' });
    await fixtureSeat(db.current.db, body.id, { function: 'Chefläkare', principalKind: 'region' });
    await fixtureSeat(db.current.db, body.id, { function: 'Samordnare' });
    const html = await page(`/bodies/${body.id}`);
    expect(count(html, 'Platser utan huvudman')).toBe(1);
    for (const fn of ['Läkare med kommunalt uppdrag', 'Chefläkare', 'Samordnare']) expect(html).toContain(fn);
  });

  it("renders the mandate's bullet points and numbered steps as lists, and its text safely", async () => {
    const { structure } = await fixtureStructure(db.current.db);
    const body = await fixtureBody(db.current.db, structure.id, { isPublic: true });
    await db.current.db.insert(mandateVersions).values({
      bodyId: body.id,
      number: 1,
      purpose: 'Gruppen ska **samordna** arbetet.\n\n<script>alert(1)</script>',
      tasks: 'Gruppen ska:\n- ta fram en plan\n- följa upp planen\n\n1. först\n2. sedan',
      validFrom: '2024-01-01',
      approvedOn: '2023-12-01',
      approvedByName: 'Ledningsgruppen',
    });
    const html = await page(`/bodies/${body.id}`);
    expect(html).toContain('<ul><li>ta fram en plan</li><li>följa upp planen</li></ul>');
    expect(html).toContain('<ol><li>först</li><li>sedan</li></ol>');
    expect(html).toContain('<strong>samordna</strong>');
    expect(html).not.toContain('<p>- ta fram');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('counts the bodies of each structure that have not ended, on the page and in the API', async () => {
    const { structure } = await fixtureStructure(db.current.db);
    await fixtureBody(db.current.db, structure.id);
    await fixtureBody(db.current.db, structure.id);
    await fixtureBody(db.current.db, structure.id, { activeTo: '2021-12-31' });
    const res = await createTestApp(db.current).app.request('/api/structures');
    expect(res.status).toBe(200);
    const list = (await res.json()) as { items: { slug: string; bodyCount: number }[] };
    expect(list.items.find((s) => s.slug === structure.slug)?.bodyCount).toBe(2);
    const html = await page('/structures');
    const card = html.slice(html.indexOf(`/structures/${structure.slug}"`));
    expect(card.slice(0, card.indexOf('</li>'))).toContain('Grupper: 2');
  });

  it("shows one local navigation on a body's pages and on a structure's pages, the current tab marked", async () => {
    const { structure } = await fixtureStructure(db.current.db);
    const body = await fixtureBody(db.current.db, structure.id, { isPublic: true });
    const nav = (html: string) => {
      const navs = [...html.matchAll(/<nav class="wrap local-nav" aria-label="([^"]+)">([\s\S]*?)<\/nav>/g)];
      expect(navs).toHaveLength(1);
      return { label: navs[0]![1], html: navs[0]![2]! };
    };
    const overview = nav(await page(`/bodies/${body.id}`));
    expect(overview.label).toBe(`Sidor för ${body.name}`);
    expect(overview.html).toContain(`<a href="/bodies/${body.id}" aria-current="page">Översikt</a>`);
    // A visitor sees the public tabs, not those of members and managers.
    expect(overview.html).toContain(`href="/bodies/${body.id}/decisions"`);
    expect(overview.html).toContain(`href="/bodies/${body.id}/published"`);
    expect(overview.html).not.toContain(`/bodies/${body.id}/settings`);
    expect(overview.html).not.toContain(`/bodies/${body.id}/meetings`);
    const register = nav(await page(`/bodies/${body.id}/decisions`));
    expect(register.html).toContain(`<a href="/bodies/${body.id}/decisions" aria-current="page">Beslut</a>`);
    expect(register.html).toContain(`<a href="/bodies/${body.id}">Översikt</a>`);
    const ofStructure = nav(await page(`/structures/${structure.slug}`));
    expect(ofStructure.html).toContain(`<a href="/structures/${structure.slug}" aria-current="page">Grupper</a>`);
    expect(ofStructure.html).toContain(`href="/structures/${structure.slug}/decisions"`);
  });
});
