import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults for a fresh machine', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.DATABASE_URL).toBeUndefined();
  });
  it('reads PORT, DATA_DIR and DATABASE_URL', () => {
    const c = loadConfig({ PORT: '8080', DATA_DIR: '/tmp/x', DATABASE_URL: 'postgres://u@h:5432/db' });
    expect(c).toMatchObject({ PORT: 8080, DATA_DIR: '/tmp/x', DATABASE_URL: 'postgres://u@h:5432/db' });
  });
  it('links to the port the server listens on unless PUBLIC_URL says otherwise', () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: '' }).PUBLIC_URL).toBe('http://localhost:8080');
    // Listening on every interface: a browser on this machine uses localhost.
    expect(loadConfig({ PORT: '8080', HOST: '::' }).PUBLIC_URL).toBe('http://localhost:8080');
    // Listening on one address: links use that address.
    expect(loadConfig({ PORT: '4000', HOST: '127.0.0.1' }).PUBLIC_URL).toBe('http://127.0.0.1:4000');
    expect(loadConfig({ PORT: '4000', HOST: '::1' }).PUBLIC_URL).toBe('http://[::1]:4000');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://samverka.example.se' }).PUBLIC_URL).toBe('https://samverka.example.se');
  });
  it('refuses bad values with a readable message', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
});
