import type { Config } from '../../config.js';
import type { Database } from '../db/client.js';
import type { Lang, Translate } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Actor } from '../auth/actor.js';
import type { Person } from '../auth/schema.js';
import type { Registry } from '../registry.js';

export interface AppDeps {
  config: Config;
  database: Database;
  logger: Logger;
  /** The modules the app serves: the composition root's registry (src/modules.ts). */
  registry: Registry;
}

export interface Flash {
  kind: 'success' | 'info' | 'error';
  message: string;
}

export interface AppVariables {
  deps: AppDeps;
  lang: Lang;
  t: Translate;
  requestId: string;
  flash: Flash | undefined;
  actor: Actor;
  person: Person | undefined;
  sessionId: string | undefined;
  /** Set by csrfToken(c) when a page first asks for it; read it through that function. */
  csrfToken: string | undefined;
  /** Set by a route whose answer holds a secret: a repeated request is not answered with it again. */
  noReplay?: boolean;
}

export interface AppEnv {
  Variables: AppVariables;
}
