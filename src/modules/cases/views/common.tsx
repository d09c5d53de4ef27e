import type { Child } from 'hono/jsx';
import type { FieldError } from '../../../platform/http/errors.js';
import type { MessageKey, Translate } from '../../../platform/i18n/index.js';
import { phaseOf, type CaseState } from '../flow.js';
import { caseRef } from '../numbering.js';
import type { TrafficLight } from '../schema.js';

/*
 * Small pieces the case pages share. Several forms live on one page, so fields take an
 * explicit id (unique on the page) besides their name, and error summaries link to those ids.
 */

export const stateKey = (s: CaseState) => `cases.state.${s}` as MessageKey;
export const lightKey = (l: TrafficLight) => `cases.light.${l}` as MessageKey;

export function StateTag(props: { t: Translate; state: CaseState }) {
  return <span class={`tag case-state phase-${phaseOf(props.state)}`}>{props.t(stateKey(props.state))}</span>;
}

/** A traffic light: colour and words (never colour alone). */
export function Light(props: { t: Translate; status: TrafficLight }) {
  return (
    <span class={`light light-${props.status}`}>
      <span class="light-dot" aria-hidden="true"></span>
      {props.t(lightKey(props.status))}
    </span>
  );
}

export function Ref(props: { kase: { year: number; number: number }; prefix?: string }) {
  return <span class="case-ref">{caseRef(props.kase, props.prefix)}</span>;
}

interface Common {
  id: string;
  name: string;
  label: string;
  errors?: FieldError[] | undefined;
  /** The field name errors are reported under (defaults to name). */
  errorField?: string;
  hint?: string | undefined;
  required?: boolean;
}

function errorOf(p: Common) {
  return p.errors?.find((e) => e.field === (p.errorField ?? p.name));
}

function Label(props: Common & { t: Translate }) {
  return (
    <label for={props.id}>
      {props.label}
      {props.required ? <span class="required"> ({props.t('form.required')})</span> : null}
    </label>
  );
}

function HintAndError(props: { id: string; hint?: string | undefined; error?: FieldError | undefined }) {
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${props.id}-error`}>
          {props.error.message}
        </p>
      ) : null}
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: FieldError) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextInput(props: Common & { t: Translate; value?: string | null | undefined; type?: 'text' | 'date' | 'email' | 'url'; multiline?: boolean; rows?: number; maxlength?: number }) {
  const error = errorOf(props);
  const common = {
    id: props.id,
    name: props.name,
    required: props.required,
    maxlength: props.maxlength,
    'aria-describedby': describedBy(props.id, props.hint, error),
    'aria-invalid': error ? ('true' as const) : undefined,
  };
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <Label {...props} />
      <HintAndError id={props.id} hint={props.hint} error={error} />
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 4}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input {...common} type={props.type ?? 'text'} value={props.value ?? ''} />
      )}
    </div>
  );
}

export function Select(props: Common & { t: Translate; value?: string | null | undefined; options: { value: string; label: string }[]; empty?: string }) {
  const error = errorOf(props);
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <Label {...props} />
      <HintAndError id={props.id} hint={props.hint} error={error} />
      <select id={props.id} name={props.name} required={props.required} aria-describedby={describedBy(props.id, props.hint, error)} aria-invalid={error ? 'true' : undefined}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox(props: { id: string; name: string; label: string; checked?: boolean; value?: string; hint?: string }) {
  return (
    <div class="field field-checkbox">
      <input type="checkbox" id={props.id} name={props.name} value={props.value ?? 'on'} checked={props.checked} aria-describedby={props.hint ? `${props.id}-hint` : undefined} />{' '}
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** An error summary whose links go to the ids the fields have on this page. */
export function Summary(props: { t: Translate; errors: FieldError[]; idOf: (field: string) => string }) {
  if (!props.errors.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} id="error-summary">
      <h2 id="error-summary-title">{props.t('form.errorSummary')}</h2>
      <p>{props.t('form.errorCount', { count: props.errors.length })}</p>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${props.idOf(e.field)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Section(props: { id: string; title: string; children?: Child }) {
  return (
    <section aria-labelledby={`${props.id}-title`} id={props.id} class="case-section">
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** A definition list of label–value pairs (values may be missing: shown as a dash). */
export function Facts(props: { items: [string, Child | null | undefined][] }) {
  return (
    <dl class="facts">
      {props.items.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? '–' : v}</dd>
        </>
      ))}
    </dl>
  );
}

/** Paragraphs of a free text, line breaks kept. */
export function Prose(props: { text: string | null | undefined; empty?: string }) {
  if (!props.text?.trim()) return props.empty ? <p class="muted">{props.empty}</p> : null;
  return (
    <div class="prose">
      {props.text.split(/\n{2,}/).map((para) => (
        <p>
          {para.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}
