import { describe, expect, it } from 'vitest';
import { Hono, type Context } from 'hono';
import type { AppEnv } from './context.js';
import { AppError } from './errors.js';
import { encodedRefusal, jsonRefusal, multipartRefusal, requestGuard, textRefusal } from './request-guard.js';
import { translator } from '../i18n/index.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const enc = (s: string) => new TextEncoder().encode(s);

describe('what the request guard refuses', () => {
  it('tells invalid UTF-8 and NUL apart from good text', () => {
    expect(textRefusal(enc('Åsa Öberg – ärende'))).toBeUndefined();
    expect(textRefusal(bytes(0x61, 0xc3, 0x28))).toBe('encoding');
    expect(textRefusal(bytes(0xe5))).toBe('encoding');
    expect(textRefusal(bytes(0x61, 0x00, 0x62))).toBe('nul');
  });

  it('decodes percent-encoding strictly', () => {
    expect(encodedRefusal('q=%C3%A5rsrapport&page=2')).toBeUndefined();
    expect(encodedRefusal('/people/%C3%85sa')).toBeUndefined();
    expect(encodedRefusal('q=åäö')).toBeUndefined();
    expect(encodedRefusal('q=%00')).toBe('nul');
    expect(encodedRefusal('q=%C3%28')).toBe('encoding');
    expect(encodedRefusal('q=%E5')).toBe('encoding');
    expect(encodedRefusal('q=%zz')).toBe('encoding');
    expect(encodedRefusal('q=%')).toBe('encoding');
  });

  it('finds NUL in JSON raw or escaped, but not an escaped backslash before u0000', () => {
    expect(jsonRefusal(enc('{"title":"Möte"}'))).toBeUndefined();
    expect(jsonRefusal(enc('{"title":"a\\u0000b"}'))).toBe('nul');
    expect(jsonRefusal(enc('{"title":"a\\\\\\u0000b"}'))).toBe('nul');
    expect(jsonRefusal(enc('{"title":"a\\\\u0000b"}'))).toBeUndefined();
    expect(jsonRefusal(bytes(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d))).toBe('encoding');
  });

  it('checks multipart text fields but leaves files in their own encoding', () => {
    const type = 'multipart/form-data; boundary=XyZ';
    const part = (headers: string, content: Uint8Array) => Buffer.concat([enc(`--XyZ\r\n${headers}\r\n\r\n`), content, enc('\r\n')]);
    const end = enc('--XyZ--\r\n');
    const latin1File = part('Content-Disposition: form-data; name="file"; filename="medlemmar.csv"\r\nContent-Type: text/csv', bytes(0x47, 0xe5, 0x73));
    expect(multipartRefusal(Buffer.concat([part('Content-Disposition: form-data; name="title"', enc('Ärende')), latin1File, end]), type)).toBeUndefined();
    expect(multipartRefusal(Buffer.concat([part('Content-Disposition: form-data; name="title"', bytes(0xe5)), end]), type)).toBe('encoding');
    expect(multipartRefusal(Buffer.concat([part('Content-Disposition: form-data; name="title"', bytes(0x61, 0x00)), end]), type)).toBe('nul');
    expect(multipartRefusal(enc('not multipart at all'), type)).toBe('multipart');
    expect(multipartRefusal(Buffer.concat([part('Content-Disposition: form-data; name="title"', enc('a'))]), type)).toBe('multipart');
    expect(multipartRefusal(Buffer.concat([part('X: y', enc('a')), end]), type)).toBe('multipart');
    expect(multipartRefusal(end, 'multipart/form-data')).toBe('multipart');
  });
});

/** A bare app with only the guard and handlers that echo what reached them. */
function guarded() {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('t', translator('sv'));
    await next();
  });
  app.use('*', requestGuard({ defaultBytes: 1000, uploadBytes: 5000, uploadPaths: [/^\/upload$/] }));
  const echo = async (c: Context<AppEnv>) => c.text(String((await c.req.arrayBuffer()).byteLength));
  app.post('/form', echo);
  app.post('/upload', echo);
  app.get('/search', (c) => c.text(c.req.query('q') ?? ''));
  app.onError((err, c) => c.json({ code: err instanceof AppError ? err.code : 'internal' }, err instanceof AppError ? (err.status as 400) : 500));
  return app;
}

/** A body that produces `total` bytes lazily and counts what was pulled from it. */
function countingStream(total: number, chunk = 64 * 1024) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      const n = Math.min(chunk, total - state.pulled);
      state.pulled += n;
      controller.enqueue(new Uint8Array(n).fill(0x61));
    },
  });
  return { stream, state };
}

describe('the request guard in front of handlers', () => {
  it('refuses a body whose declared size is over the limit before reading any of it', async () => {
    const { stream, state } = countingStream(200 * 1024 * 1024);
    const res = await guarded().request('/form', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(200 * 1024 * 1024) },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'too-large' });
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it('stops reading a streamed body without a length at the limit', async () => {
    const { stream, state } = countingStream(200 * 1024 * 1024, 512);
    const res = await guarded().request('/form', { method: 'POST', body: stream, headers: { 'content-type': 'text/plain' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(state.pulled).toBeLessThan(1000 + 512 * 4);
  });

  it('gives upload routes their larger limit, and hands the whole body on', async () => {
    const body = new Uint8Array(3000).fill(0x61);
    expect((await guarded().request('/form', { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } })).status).toBe(413);
    const ok = await guarded().request('/upload', { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('3000');
  });

  it('refuses NUL and invalid UTF-8 in the query and in forms, and passes good text on', async () => {
    const app = guarded();
    expect((await app.request('/search?q=%00')).status).toBe(400);
    expect((await app.request('/search?q=%C3%28')).status).toBe(400);
    expect(await (await app.request('/search?q=%C3%A5r')).text()).toBe('år');
    const form = (body: string) => app.request('/form', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await (await form('title=a%00b')).json()).toEqual({ code: 'nul-character' });
    expect(await (await form('title=%E5rsm%F6te')).json()).toEqual({ code: 'bad-encoding' });
    expect((await form('title=%C3%A5rsm%C3%B6te')).status).toBe(200);
  });
});
