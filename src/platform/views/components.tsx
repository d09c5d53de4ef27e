import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_FIELD } from '../http/idempotency.js';
import type { Child } from 'hono/jsx';
import type { FieldError } from '../http/errors.js';
import type { Translate } from '../i18n/index.js';

/** The error summary at the top of a refused form; each error links to its field. */
export function ErrorSummary(props: { t: Translate; errors: FieldError[] }) {
  if (!props.errors.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} id="error-summary">
      <h2 id="error-summary-title">{props.t('form.errorSummary')}</h2>
      <p>{props.t('form.errorCount', { count: props.errors.length })}</p>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#field-${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  t: Translate;
  name: string;
  label: string;
  value?: string | undefined;
  errors?: FieldError[];
  hint?: string;
  required?: boolean;
  type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'number' | 'url' | 'search' | 'datetime-local';
  autocomplete?: string;
  multiline?: boolean;
  rows?: number;
  maxlength?: number;
}

/** A labelled input with hint and error, keeping what the user typed. */
export function Field(props: FieldProps) {
  const id = `field-${props.name}`;
  const error = props.errors?.find((e) => e.field === props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: props.name,
    'aria-describedby': describedBy,
    'aria-invalid': error ? ('true' as const) : undefined,
    required: props.required,
    maxlength: props.maxlength,
  };
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="required"> ({props.t('form.required')})</span> : null}
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error.message}
        </p>
      ) : null}
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 5}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input {...common} type={props.type ?? 'text'} value={props.value ?? ''} autocomplete={props.autocomplete} />
      )}
    </div>
  );
}

export function SelectField(props: { t: Translate; name: string; label: string; value?: string | undefined; options: { value: string; label: string }[]; errors?: FieldError[]; required?: boolean }) {
  const id = `field-${props.name}`;
  const error = props.errors?.find((e) => e.field === props.name);
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="required"> ({props.t('form.required')})</span> : null}
      </label>
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error.message}
        </p>
      ) : null}
      <select id={id} name={props.name} required={props.required} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

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

export function Button(props: { children?: Child; kind?: 'primary' | 'secondary' | 'danger'; name?: string; value?: string }) {
  return (
    <button type="submit" class={`button button-${props.kind ?? 'primary'}`} name={props.name} value={props.value}>
      {props.children}
    </button>
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
