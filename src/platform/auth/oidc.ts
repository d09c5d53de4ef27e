/**
 * OpenID Connect login (the way to SITHS and Freja eID through a regional identity
 * provider): discovery, the authorization code flow with PKCE, state and nonce, and the
 * claims of the identity that comes back. Only the network part lives here; who the
 * identity belongs to, and the session, are decided by the command identity.loginOidc.
 */
import * as client from 'openid-client';
import type { Config } from '../../config.js';
import { containsIdentityNumber } from '../pin.js';

export const OIDC_LOGIN_PATH = '/login/oidc';
export const OIDC_CALLBACK_PATH = '/login/oidc/callback';
/** Holds state, nonce and PKCE verifier between the redirect to the provider and its return. */
export const OIDC_STATE_COOKIE = 'samverka_oidc';
/** How long a started login may take at the identity provider, in seconds. */
export const OIDC_STATE_MAX_AGE_S = 10 * 60;
/** Provider metadata (and its signing keys) are looked up again after this long. */
const DISCOVERY_TTL_MS = 6 * 3600 * 1000;

/** True for http://localhost and http://127.0.0.1 (and [::1]): the only issuers allowed without TLS. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** A local path to return to after login; anything else (other hosts, `//`, `/\`) becomes `/`. */
import { safeLocalPath } from '../http/redirect.js';

/** A local path to return to after login; anything else becomes `/`. */
export const safeReturnPath = safeLocalPath;

/** The URL the identity provider sends the browser back to (registered at the provider). */
function oidcRedirectUri(config: Config): string {
  return new URL(OIDC_CALLBACK_PATH, config.PUBLIC_URL).href;
}

const discovered = new Map<string, { at: number; configuration: Promise<client.Configuration> }>();

/**
 * The provider's configuration from its discovery document, cached per process (several
 * processes each discover once). A failed discovery is not cached, so the next login retries.
 */
export function oidcConfiguration(config: Config, now = Date.now()): Promise<client.Configuration> {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: secret } = config;
  if (!issuer || !clientId) return Promise.reject(new Error('OpenID Connect is not configured (OIDC_ISSUER, OIDC_CLIENT_ID)'));
  const key = JSON.stringify([issuer, clientId, secret ?? '']);
  const hit = discovered.get(key);
  if (hit && now - hit.at < DISCOVERY_TTL_MS) return hit.configuration;
  const server = new URL(issuer);
  const configuration = client.discovery(
    server,
    clientId,
    secret,
    // client_secret_basic is the default every provider supports; without a secret, a public client (PKCE only).
    secret ? client.ClientSecretBasic(secret) : client.None(),
    { execute: isLoopbackHttp(server) ? [client.allowInsecureRequests] : [] },
  );
  const entry = { at: now, configuration };
  discovered.set(key, entry);
  configuration.catch(() => {
    if (discovered.get(key) === entry) discovered.delete(key);
  });
  return configuration;
}

/** What the browser keeps (in an HttpOnly cookie) while it is away at the identity provider. */
interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  /** Epoch milliseconds when the login started. */
  at: number;
}

/**
 * The cookie carries only random values that are each checked against something the
 * attacker cannot produce: the state against the callback, the nonce against the signed
 * ID token, the verifier by the provider (PKCE). It is HttpOnly, SameSite=Lax, limited to
 * /login/oidc and short-lived; being a cookie, any app process can finish the login.
 */
export function encodePending(pending: OidcPending): string {
  return Buffer.from(JSON.stringify(pending)).toString('base64url');
}

export function decodePending(raw: string | undefined, now = Date.now()): OidcPending | undefined {
  if (!raw || raw.length > 4000) return undefined;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<OidcPending>;
    const strings = [v.state, v.nonce, v.verifier, v.next].every((s) => typeof s === 'string' && s.length > 0);
    if (!strings || typeof v.at !== 'number') return undefined;
    if (now - v.at > OIDC_STATE_MAX_AGE_S * 1000 || v.at - now > 60_000) return undefined;
    return { state: v.state!, nonce: v.nonce!, verifier: v.verifier!, next: safeReturnPath(v.next), at: v.at };
  } catch {
    return undefined;
  }
}

/** Starts a login: the provider's authorization URL and what to remember until the callback. */
export async function beginOidcLogin(config: Config, next: string | undefined): Promise<{ url: URL; pending: OidcPending }> {
  const configuration = await oidcConfiguration(config);
  const pending: OidcPending = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    next: safeReturnPath(next),
    at: Date.now(),
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidcRedirectUri(config),
    scope: config.OIDC_SCOPES,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

/** An identity the provider vouched for (ID token validated), with the claims Samverka uses. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

const claimString = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
/** Some providers send `"true"` as a string. */
const claimTrue = (v: unknown): boolean => v === true || v === 'true';

/**
 * Finishes a login at the callback: checks the state, exchanges the code (with the PKCE
 * verifier), validates the ID token (signature, issuer, audience, expiry, nonce) and reads
 * the e-mail and name claims, from the ID token or else from the userinfo endpoint.
 * `callbackUrl` is the callback as the provider sent it, on PUBLIC_URL.
 */
export async function completeOidcLogin(config: Config, callbackUrl: URL, pending: OidcPending): Promise<OidcIdentity> {
  const configuration = await oidcConfiguration(config);
  const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new Error('The identity provider returned no ID token');
  const emailClaim = config.OIDC_EMAIL_CLAIM;
  const nameClaim = config.OIDC_NAME_CLAIM;
  // Providers that follow the specification strictly put profile claims in userinfo only.
  let userinfo: Record<string, unknown> = {};
  const missing = idToken[emailClaim] === undefined || idToken[nameClaim] === undefined;
  if (missing && configuration.serverMetadata().userinfo_endpoint && tokens.access_token) {
    userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
  }
  // E-mail and its verification always come from the same source.
  const emailSource: Record<string, unknown> = idToken[emailClaim] !== undefined ? idToken : userinfo;
  return {
    issuer: configuration.serverMetadata().issuer,
    subject: idToken.sub,
    email: claimString(emailSource[emailClaim])?.toLowerCase(),
    emailVerified: claimTrue(emailSource.email_verified),
    name: claimString(idToken[nameClaim] ?? userinfo[nameClaim]),
  };
}

/** The provider's name for the person, unless it holds an identity number (never kept in free text). */
export function displayName(name: string | undefined): string | undefined {
  return name && !containsIdentityNumber(name) ? name.slice(0, 300) : undefined;
}

/** How a failed callback should be explained. */
export function classifyOidcError(err: unknown): 'cancelled' | 'unavailable' | 'failed' {
  if (err instanceof client.AuthorizationResponseError) return err.error === 'access_denied' ? 'cancelled' : 'failed';
  // fetch() reports an unreachable provider as a TypeError ("fetch failed").
  if (err instanceof TypeError) return 'unavailable';
  return 'failed';
}
