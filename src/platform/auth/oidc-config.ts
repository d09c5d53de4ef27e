import type { Config } from '../../config.js';

/** OpenID Connect login is offered when an issuer and a client are configured. */
export function oidcLoginEnabled(config: Config): boolean {
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID);
}
