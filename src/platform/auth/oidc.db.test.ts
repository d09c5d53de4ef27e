/**
 * OpenID Connect login end to end: a real identity provider (oidc-provider, with its
 * development login and consent pages) and the whole app served over HTTP, driven by
 * fetch the way a browser without JavaScript would: following redirects, keeping
 * cookies, filling in and sending the provider's forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { closeServer, listening, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startOidcProvider, type TestOidcProvider } from '../../../tests/helpers/oidc-provider.js';
import { and, desc, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp, testConfig } from '../../../tests/helpers/app.js';
import { execute } from '../commands.js';
import { systemActor } from './actor.js';
import { createPerson } from './commands/people.js';
import { auditLog } from '../audit/schema.js';
import { oidcIdentities, people, sessions } from './schema.js';
import { decodePending, encodePending, isLoopbackHttp, oidcConfiguration, safeReturnPath } from './oidc.js';

const db = useTestDatabase();
const CLIENT_ID = OIDC_CLIENT_ID;
const CLIENT_SECRET = OIDC_CLIENT_SECRET;

let provider: TestOidcProvider;
/** The provider's accounts: what each login name at its development login page stands for. */
let accounts: TestOidcProvider['accounts'];
let issuer: string;
let appUrl: string;
let appServer: ServerType;

beforeAll(async () => {
  // Both listen first, on free ports: the provider must know the app's callback and the app the provider's address.
  provider = await startOidcProvider();
  issuer = provider.issuer;
  accounts = provider.accounts;
  let appFetch: (req: Request, env: unknown) => Response | Promise<Response> = () => new Response('not ready', { status: 503 });
  appServer = serve({ fetch: (req, env) => appFetch(req, env), port: 0, hostname: '127.0.0.1' });
  appUrl = `http://127.0.0.1:${await listening(appServer)}`;
  provider.configure(`${appUrl}/login/oidc/callback`);
  const { app } = createTestApp(db.current, {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    PUBLIC_URL: appUrl,
  });
  appFetch = (req, env) => app.fetch(req, env);
});

afterAll(async () => {
  await closeServer(appServer as never);
  await provider.close();
});

interface Hop {
  url: URL;
  res: Response;
}

/** A browser without JavaScript: cookies per origin, redirects followed by hand. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookies(origin: string): Map<string, string> {
    let cookies = this.jar.get(origin);
    if (!cookies) this.jar.set(origin, (cookies = new Map()));
    return cookies;
  }

  async request(url: URL, init: RequestInit = {}): Promise<Response> {
    const cookies = this.cookies(url.origin);
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=').slice(1).join('=')) < Date.now());
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  }

  /** Opens a URL and follows redirects (as GET), returning every response on the way. */
  async navigate(start: URL | string, init?: RequestInit): Promise<Hop[]> {
    const hops: Hop[] = [];
    let url = new URL(start);
    let options = init;
    for (let i = 0; i < 20; i++) {
      const res = await this.request(url, options);
      hops.push({ url, res });
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return hops;
      await res.body?.cancel();
      url = new URL(location, url);
      options = undefined;
    }
    throw new Error('too many redirects');
  }
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/gi, '/')
    .replace(/&quot;/g, '"');

/** The first form of a page: where it is sent and the values of its fields. */
function readForm(html: string, base: URL): { action: URL; fields: Record<string, string> } {
  const form = /<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form in:\n${html}`);
  const fields: Record<string, string> = {};
  for (const [input] of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (name) fields[name] = decodeEntities(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? '');
  }
  return { action: new URL(decodeEntities(form[1]!), base), fields };
}

interface Flow {
  hops: Hop[];
  /** The app's answer at the callback. */
  callback: Response;
  /** Where the browser ended up, and the page there. */
  final: Hop;
  html: string;
}

/**
 * Clicks "Logga in med e-legitimation" and goes through the provider as `login`: its login
 * form (any password) and its consent form, until the browser is back at the app.
 */
async function loginThroughProvider(browser: Browser, login: string, next?: string): Promise<Flow> {
  const start = `${appUrl}/login/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`;
  const all: Hop[] = [];
  let hops = await browser.navigate(start);
  all.push(...hops);
  for (let step = 0; step < 5 && hops.at(-1)!.url.origin === issuer; step++) {
    const page = hops.at(-1)!;
    const html = await page.res.text();
    expect(page.res.status, html).toBe(200);
    const form = readForm(html, page.url);
    if ('login' in form.fields) Object.assign(form.fields, { login, password: 'vad-som-helst' });
    hops = await browser.navigate(form.action, { method: 'POST', body: new URLSearchParams(form.fields) });
    all.push(...hops);
  }
  const callback = all.find((h) => h.url.origin === appUrl && h.url.pathname === '/login/oidc/callback');
  if (!callback) throw new Error(`never came back to the callback: ${all.map((h) => `${h.res.status} ${h.url.href}`).join('\n')}`);
  const final = all.at(-1)!;
  return { hops: all, callback: callback.res, final, html: await final.res.text() };
}

let n = 0;
async function person(email: string) {
  return execute({ database: db.current, config: testConfig() }, systemActor('test'), createPerson, { name: `Oidc Person ${++n}`, email });
}

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;

async function me(browser: Browser) {
  const res = await browser.request(new URL('/api/me', appUrl));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('OpenID Connect login against a real identity provider', () => {
  it('offers e-identification on the login page', async () => {
    const res = await new Browser().request(new URL('/login?next=%2Faccount', appUrl));
    const html = await res.text();
    expect(html).toContain('href="/login/oidc?next=%2Faccount"');
    expect(html).toContain('Logga in med e-legitimation');
  });

  it('logs in, links the identity by the verified e-mail address, and /api/me shows the person', async () => {
    const email = `${unique('anna')}@example.se`;
    const p = await person(email);
    const login = unique('anna');
    // The provider's address differs in case; Samverka keeps addresses in lower case.
    accounts.set(login, { email: email.toUpperCase(), email_verified: true, name: 'Anna Andersson' });
    const browser = new Browser();
    await browser.request(new URL('/', appUrl));
    const csrfBefore = browser.cookies(appUrl).get('samverka_csrf');

    const flow = await loginThroughProvider(browser, login, '/account');

    // The redirect to the provider carried PKCE, state and nonce, and the state cookie was HttpOnly and short-lived.
    const toProvider = flow.hops.find((h) => h.url.pathname === '/login/oidc')!;
    const authorize = new URL(toProvider.res.headers.get('location')!);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${appUrl}/login/oidc/callback`);
    const stateCookie = toProvider.res.headers.getSetCookie().find((x) => x.startsWith('samverka_oidc='))!;
    expect(stateCookie).toMatch(/HttpOnly/);
    expect(stateCookie).toMatch(/SameSite=Lax/);
    expect(stateCookie).toMatch(/Max-Age=600/);
    expect(stateCookie).toMatch(/Path=\/login\/oidc/);

    // Back at the app: a session, a new CSRF token, the state cookie gone, and on to `next`.
    expect(flow.callback.status).toBe(303);
    expect(flow.callback.headers.get('location')).toBe('/account');
    const set = flow.callback.headers.getSetCookie();
    expect(set.find((x) => x.startsWith('samverka_session='))).toMatch(/HttpOnly/);
    const cleared = set.find((x) => x.startsWith('samverka_oidc='))!;
    expect(cleared).toMatch(/Max-Age=0/);
    expect(cleared).toMatch(/Path=\/login\/oidc/);
    expect(browser.cookies(appUrl).get('samverka_csrf')).not.toBe(csrfBefore);
    expect(browser.cookies(appUrl).has('samverka_oidc')).toBe(false);
    expect(flow.final.url.pathname).toBe('/account');
    expect(flow.final.res.status).toBe(200);
    expect(flow.html).toContain(p.name);

    const who = await me(browser);
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({ id: p.id, email, name: p.name, authenticatedWith: 'session' });

    const links = await db.current.db.select().from(oidcIdentities).where(eq(oidcIdentities.personId, p.id));
    expect(links).toMatchObject([{ issuer, subject: login }]);
    const [session] = await db.current.db.select().from(sessions).where(eq(sessions.personId, p.id)).orderBy(desc(sessions.createdAt)).limit(1);
    expect(session!.method).toBe('oidc');
    const audit = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.operation, 'identity.loginOidc'), eq(auditLog.objectId, p.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ method: 'oidc', issuer, linked: true, identity: links[0]!.id });
    expect(JSON.stringify(audit[0]!.after)).not.toContain(login);
  });

  it('refuses an e-mail address that has no account, in Swedish, and creates nothing', async () => {
    const email = `${unique('okand')}@example.se`;
    const login = unique('okand');
    accounts.set(login, { email, email_verified: true, name: 'Okänd Person' });
    const peopleBefore = (await db.current.db.select().from(people)).length;
    const browser = new Browser();
    const flow = await loginThroughProvider(browser, login);
    expect(flow.callback.status).toBe(403);
    expect(flow.html).toContain(`Det finns inget konto för ${email} i Samverka. Kontakta administratören.`);
    expect(flow.html).toContain('href="/login"');
    expect(browser.cookies(appUrl).has('samverka_session')).toBe(false);
    expect((await me(browser)).status).toBe(401);
    expect((await db.current.db.select().from(people)).length).toBe(peopleBefore);
    expect(await db.current.db.select().from(oidcIdentities).where(eq(oidcIdentities.subject, login))).toHaveLength(0);
  });

  it('refuses an e-mail address the provider has not verified, even when a person has it', async () => {
    const email = `${unique('overifierad')}@example.se`;
    const p = await person(email);
    const login = unique('overifierad');
    accounts.set(login, { email, email_verified: false, name: 'Overifierad Person' });
    const browser = new Browser();
    const flow = await loginThroughProvider(browser, login);
    expect(flow.callback.status).toBe(403);
    expect(flow.html).toContain(`Identitetsleverantören har inte bekräftat e-postadressen ${email}`);
    expect((await me(browser)).status).toBe(401);
    expect(await db.current.db.select().from(oidcIdentities).where(eq(oidcIdentities.personId, p.id))).toHaveLength(0);
  });

  it('logs in a second time through the stored identity link after the person’s e-mail address changed', async () => {
    const email = `${unique('bytt')}@example.se`;
    const p = await person(email);
    const login = unique('bytt');
    accounts.set(login, { email, email_verified: true, name: 'Bo Bytt' });
    expect((await loginThroughProvider(new Browser(), login)).callback.status).toBe(303);

    const newEmail = `${unique('ny-adress')}@example.se`;
    await db.current.db.update(people).set({ email: newEmail }).where(eq(people.id, p.id));
    // The provider still sends the old address, now unverified: only the link can find the person.
    accounts.set(login, { email, email_verified: false, name: 'Bo Bytt' });

    const browser = new Browser();
    const flow = await loginThroughProvider(browser, login);
    expect(flow.callback.status).toBe(303);
    expect((await me(browser)).body).toMatchObject({ id: p.id, email: newEmail });
    expect(await db.current.db.select().from(oidcIdentities).where(eq(oidcIdentities.personId, p.id))).toHaveLength(1);
    const audit = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.operation, 'identity.loginOidc'), eq(auditLog.objectId, p.id)))
      .orderBy(desc(auditLog.at));
    expect(audit.map((a) => (a.after as { linked: boolean }).linked)).toEqual([false, true]);
  });

  it('refuses a linked identity whose person has left', async () => {
    const email = `${unique('slutat')}@example.se`;
    const p = await person(email);
    const login = unique('slutat');
    accounts.set(login, { email, email_verified: true, name: 'Siv Slutat' });
    expect((await loginThroughProvider(new Browser(), login)).callback.status).toBe(303);
    await db.current.db.update(people).set({ status: 'left', leftOn: '2025-01-31' }).where(eq(people.id, p.id));
    const browser = new Browser();
    const flow = await loginThroughProvider(browser, login);
    expect(flow.callback.status).toBe(403);
    expect(flow.html).toContain('är inte längre aktivt. Kontakta administratören.');
    expect((await me(browser)).status).toBe(401);
  });

  it('explains a login cancelled at the provider', async () => {
    const login = unique('avbryter');
    accounts.set(login, { email: `${login}@example.se`, email_verified: true });
    const browser = new Browser();
    const hops = await browser.navigate(`${appUrl}/login/oidc`);
    const page = hops.at(-1)!;
    expect(page.url.origin).toBe(issuer);
    const html = await page.res.text();
    const abort = /href="([^"]*\/abort)"/.exec(html)?.[1];
    expect(abort, html).toBeTruthy();
    const back = await browser.navigate(new URL(decodeEntities(abort!), page.url));
    const callback = back.find((h) => h.url.pathname === '/login/oidc/callback')!;
    expect(callback.res.status).toBe(400);
    expect(await callback.res.text()).toContain('Inloggningen avbröts.');
  });

  it('refuses a callback without the login cookie, or with a state that does not match it', async () => {
    const browser = new Browser();
    const bare = await browser.request(new URL('/login/oidc/callback?code=abc&state=xyz', appUrl));
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain('Inloggningen tog för lång tid eller startades i en annan webbläsare.');

    const started = await browser.request(new URL('/login/oidc', appUrl));
    expect(started.status).toBe(303);
    const forged = await browser.request(new URL(`/login/oidc/callback?code=abc&state=inte-samma&iss=${encodeURIComponent(issuer)}`, appUrl));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Inloggningen med e-legitimation kunde inte slutföras.');
    // The login cookie is used once.
    expect(browser.cookies(appUrl).has('samverka_oidc')).toBe(false);
    expect(browser.cookies(appUrl).has('samverka_session')).toBe(false);
  });
});

describe('OpenID Connect configuration', () => {
  it('answers 404 when no identity provider is configured', async () => {
    const { app } = createTestApp(db.current);
    expect((await app.request('/login/oidc')).status).toBe(404);
    expect((await app.request('/login/oidc/callback?code=a&state=b')).status).toBe(404);
    expect(await (await app.request('/login')).text()).not.toContain('/login/oidc');
  });

  it('shows a Swedish page when the identity provider cannot be reached', async () => {
    const { app } = createTestApp(db.current, { OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'x', PUBLIC_URL: 'http://127.0.0.1:3000' });
    const res = await app.request('/login/oidc');
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('Identitetsleverantören går inte att nå just nu.');
  });

  it('allows plain http only for an issuer on localhost or 127.0.0.1', async () => {
    expect(isLoopbackHttp(new URL('http://localhost:8080/realms/x'))).toBe(true);
    expect(isLoopbackHttp(new URL('http://127.0.0.1:4000'))).toBe(true);
    expect(isLoopbackHttp(new URL('http://idp.example.se'))).toBe(false);
    expect(isLoopbackHttp(new URL('https://localhost'))).toBe(false);
    // Refused before any request is made.
    await expect(oidcConfiguration(testConfig({ OIDC_ISSUER: 'http://idp.example.se', OIDC_CLIENT_ID: 'x' }))).rejects.toThrow(/HTTPS/);
  });

  it('keeps only local return paths and refuses stale or broken login cookies', () => {
    expect(safeReturnPath('/account?x=1')).toBe('/account?x=1');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', undefined, '']) expect(safeReturnPath(bad)).toBe('/');
    const pending = { state: 's', nonce: 'n', verifier: 'v', next: '//evil.example', at: Date.now() };
    expect(decodePending(encodePending(pending))).toMatchObject({ state: 's', next: '/' });
    expect(decodePending(encodePending({ ...pending, at: Date.now() - 11 * 60_000 }))).toBeUndefined();
    expect(decodePending('not-json')).toBeUndefined();
    expect(decodePending(undefined)).toBeUndefined();
  });
});
