import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

export const OIDC_CLIENT_ID = 'samverka-test';
export const OIDC_CLIENT_SECRET = 'en-hemlighet-for-testklienten-0123456789';

export interface TestOidcProvider {
  issuer: string;
  /** The provider's accounts: what each login name at its development login page stands for. */
  accounts: Map<string, Record<string, unknown>>;
  /** Creates the provider with the app's callback URL (once the app's address is known). */
  configure(redirectUri: string): void;
  close(): Promise<void>;
}

export function listening(server: { listening: boolean; address(): unknown; once(e: string, f: (...a: unknown[]) => void): unknown }): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = () => resolve((server.address() as AddressInfo).port);
    if (server.listening) done();
    else {
      server.once('listening', done);
      server.once('error', reject);
    }
  });
}

export function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * A real OpenID Connect provider (oidc-provider, with its development login and consent
 * pages) on a free port of 127.0.0.1, with one confidential client that must use PKCE.
 */
export async function startOidcProvider(): Promise<TestOidcProvider> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res)).listen(0, '127.0.0.1');
  const issuer = `http://127.0.0.1:${await listening(server)}`;
  const accounts = new Map<string, Record<string, unknown>>();
  return {
    issuer,
    accounts,
    configure(redirectUri) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: OIDC_CLIENT_ID,
            client_secret: OIDC_CLIENT_SECRET,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
        cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: true } },
        ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
        // The app must send PKCE; the provider refuses authorization requests without it.
        pkce: { methods: ['S256'], required: () => true },
        findAccount: (_ctx, sub) => {
          const claims = accounts.get(sub);
          return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
        },
      });
      provider.on('server_error', (_ctx, err) => console.error('oidc-provider server_error', err));
      handler = provider.callback();
    },
    close: () => closeServer(server),
  };
}
