import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_FIELD } from '../http/idempotency.js';
import type { AppEnv } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { safeLocalPath } from '../http/redirect.js';
import type { Translate } from '../i18n/index.js';
import { CSRF_FIELD, isOwnUrl, csrfToken } from './middleware.js';

/**
 * A form posted after the session ended, carried through the login page as hidden fields
 * and offered again afterwards, so that nobody loses what they typed. Never carried: file
 * uploads, the old CSRF token, anything over the size cap, targets off this site.
 */
export interface PendingForm {
  /** The local path the form was posted to. */
  target: string;
  /** The page the form was on (from Referer when on this site), to return to without sending. */
  back: string;
  /** Name and value of every text field, in order (a name may repeat). */
  fields: [string, string][];
  /** Files were posted and left out. */
  droppedFiles: boolean;
  /** The form was over the cap and nothing of it is carried. */
  tooLarge: boolean;
}

const PENDING_PREFIX = '_pending.';
const PENDING_TARGET = '_pending_target';
/**
 * At most this many characters (names and values together) and this many fields: carried
 * through the login form, URL-encoded, it stays below the 1 MiB limit of a request body.
 */
export const PENDING_MAX_CHARS = 100_000;
const PENDING_MAX_FIELDS = 500;

type Body = Record<string, string | File | (string | File)[]>;

function collect(body: Body, rename: (name: string) => string | undefined): Omit<PendingForm, 'target' | 'back'> {
  const fields: [string, string][] = [];
  let droppedFiles = false;
  let chars = 0;
  for (const [key, raw] of Object.entries(body)) {
    const name = rename(key);
    if (name === undefined || name === CSRF_FIELD || name.startsWith('_pending')) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (typeof value !== 'string') {
        droppedFiles = true;
        continue;
      }
      fields.push([name, value]);
      chars += name.length + value.length;
    }
  }
  const tooLarge = chars > PENDING_MAX_CHARS || fields.length > PENDING_MAX_FIELDS;
  return { fields: tooLarge ? [] : fields, droppedFiles, tooLarge };
}

/** The form of this request (posted to a page that needs a login), to carry through the login. */
export async function pendingFromRequest(c: Context<AppEnv>): Promise<PendingForm> {
  const url = new URL(c.req.url);
  const body = (await c.req.parseBody({ all: true })) as Body;
  return { target: safeLocalPath(url.pathname + url.search), back: pageOf(c, c.req.header('referer')), ...collect(body, (k) => k) };
}

function pageOf(c: Context<AppEnv>, referer: string | undefined): string {
  if (!referer || !isOwnUrl(c, referer)) return '/';
  const page = new URL(referer);
  return safeLocalPath(page.pathname + page.search);
}

/** The carried form inside a posted login form, if there is one. */
export async function pendingFromLogin(c: Context<AppEnv>): Promise<PendingForm | undefined> {
  const body = (await c.req.parseBody({ all: true })) as Body;
  const target = body[PENDING_TARGET];
  if (typeof target !== 'string') return undefined;
  const carried = collect(body, (k) => (k.startsWith(PENDING_PREFIX) ? k.slice(PENDING_PREFIX.length) : undefined));
  const dropped = body[`${PENDING_TARGET}_files`] === '1';
  const next = body.next;
  return { target: safeLocalPath(target), back: safeLocalPath(typeof next === 'string' ? next : '/'), ...carried, droppedFiles: carried.droppedFiles || dropped };
}

/** Hidden inputs that carry the form inside the login form. */
export function PendingInputs(props: { pending: PendingForm }) {
  const { pending } = props;
  return (
    <>
      <input type="hidden" name={PENDING_TARGET} value={pending.target} />
      {pending.droppedFiles ? <input type="hidden" name={`${PENDING_TARGET}_files`} value="1" /> : null}
      {pending.fields.map(([name, value]) => (
        <input type="hidden" name={PENDING_PREFIX + name} value={value} />
      ))}
    </>
  );
}

/** Text a person typed (not ids, numbers or choices): what is worth showing back. */
const isProse = (value: string) => /\s/.test(value.trim()) || value.length > 60;

/** What the person wrote, shown so it can be read (and copied) before it is sent. */
export function PendingText(props: { t: Translate; pending: PendingForm }) {
  const texts = props.pending.fields.filter(([, v]) => isProse(v));
  if (!texts.length) return null;
  return (
    <section aria-labelledby="pending-text">
      <h2 id="pending-text">{props.t('auth.pending.yourText')}</h2>
      {texts.map(([, value]) => (
        <blockquote class="pre-line">{value}</blockquote>
      ))}
    </section>
  );
}

/** The notice on the login page when a form waits for the login. */
export function PendingNotice(props: { t: Translate; pending: PendingForm; oidc: boolean }) {
  const { t, pending } = props;
  return (
    <div class="flash" role="status">
      <p>{pending.tooLarge ? t('auth.pending.tooLarge') : t('auth.pending.notice')}</p>
      {pending.droppedFiles ? <p>{t('auth.pending.files')}</p> : null}
      {props.oidc && !pending.tooLarge ? <p>{t('auth.pending.oidc')}</p> : null}
    </div>
  );
}

/** After the login: the same form again, with a fresh CSRF token and a button to send it. */
export function resendPage(c: Context<AppEnv>, pending: PendingForm): Promise<Response> {
  const t = c.get('t');
  return renderPage(
    c,
    { title: t('auth.resend.title') },
    <>
      <h1>{t('auth.resend.title')}</h1>
      <p>{t('auth.resend.intro')}</p>
      {pending.droppedFiles ? <p>{t('auth.pending.files')}</p> : null}
      <PendingText t={t} pending={pending} />
      <form method="post" action={pending.target}>
        {/* The new session's CSRF token; the form's own fields (its idempotency key too) as sent. */}
        <input type="hidden" name={CSRF_FIELD} value={csrfToken(c)} />
        {pending.fields.some(([name]) => name === IDEMPOTENCY_FIELD) ? null : <input type="hidden" name={IDEMPOTENCY_FIELD} value={randomUUID()} />}
        {pending.fields.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit" class="button">
          {t('auth.resend.send')}
        </button>
      </form>
    </>,
  );
}
