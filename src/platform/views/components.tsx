import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_FIELD } from '../http/idempotency.js';
import type { Translate } from '../i18n/index.js';

/** Previous/next links for a paged list; works without JavaScript. */
export function Pager(props: { t: Translate; page: number; pages: number; href: (page: number) => string }) {
  if (props.pages <= 1) return null;
  return (
    <nav class="pager" aria-label={props.t('pager.label')}>
      {props.page > 1 ? (
        <a href={props.href(props.page - 1)} rel="prev">
          {props.t('pager.previous')}
        </a>
      ) : null}
      <span>{props.t('pager.status', { page: props.page, pages: props.pages })}</span>
      {props.page < props.pages ? (
        <a href={props.href(props.page + 1)} rel="next">
          {props.t('pager.next')}
        </a>
      ) : null}
    </nav>
  );
}

/**
 * The hidden fields every state-changing form includes: the CSRF token, and a fresh
 * idempotency key per rendered form, so that a double click saves once.
 */
export function CsrfInput(props: { token: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.token} />
      <input type="hidden" name={IDEMPOTENCY_FIELD} value={randomUUID()} />
    </>
  );
}

/**
 * A form of one button that posts hidden values (revoke this token, end this link): the
 * button's accessible name says which row it acts on.
 */
export function ActionButtonForm(props: { csrf: string; action: string; values: Record<string, string>; label: string; accessibleName?: string; kind?: 'primary' | 'secondary' | 'danger' }) {
  return (
    <form method="post" action={props.action}>
      <CsrfInput token={props.csrf} />
      {Object.entries(props.values).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={`button button-${props.kind ?? 'secondary'}`} aria-label={props.accessibleName}>
        {props.label}
      </button>
    </form>
  );
}
