import type { Hono } from 'hono';
import type { AppEnv } from '../../src/platform/http/context.js';

type Requester = { request(path: string, init: RequestInit): Response | Promise<Response> };

/** Requests to a running server at `base` (redirects are returned, not followed, as in-process). */
function overHttp(base: string): Requester {
  return { request: (path, init) => fetch(`${base}${path}`, { ...init, redirect: 'manual' }) };
}

/**
 * A tiny cookie-keeping client (like a browser without JS): in-process requests to the
 * app, or HTTP requests to a running server when given its base URL.
 */
export class TestClient {
  cookies = new Map<string, string>();
  private readonly app: Requester;
  constructor(target: Hono<AppEnv> | string) {
    this.app = typeof target === 'string' ? overHttp(target) : (target as unknown as Requester);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '';
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.app.request(path, { headers: { cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    return res;
  }

  /** The CSRF token a form would carry (fetched with a GET first when there is none). */
  async csrf(): Promise<string> {
    if (!this.cookies.has('samverka_csrf')) await this.get('/login');
    return this.cookies.get('samverka_csrf')!;
  }

  async post(path: string, form: Record<string, string>, options: { csrf?: boolean } = {}): Promise<Response> {
    const body = new URLSearchParams(form);
    if (options.csrf !== false) body.set('_csrf', await this.csrf());
    const res = await this.app.request(path, {
      method: 'POST',
      body,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.keep(res);
    return res;
  }

  /** A multipart form (files), with the CSRF token added, as a browser sends a form with enctype multipart/form-data. */
  async postMultipart(path: string, form: FormData): Promise<Response> {
    form.set('_csrf', await this.csrf());
    const res = await this.app.request(path, { method: 'POST', body: form, headers: { cookie: this.cookieHeader() } });
    this.keep(res);
    return res;
  }

  async json(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.app.request(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/json', ...headers },
    });
    this.keep(res);
    return res;
  }

  async login(email: string, password: string): Promise<Response> {
    return this.post('/login', { email, password, next: '/' });
  }
}
