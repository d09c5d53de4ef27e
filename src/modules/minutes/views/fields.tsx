import type { FieldError } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';

/*
 * Form fields for pages with several forms of the same kind (one per item): each field's
 * id is prefixed, so ids stay unique on the page and error summaries link to the right one.
 */

export interface FormState {
  values: Record<string, string | string[]>;
  errors: FieldError[];
}

export const fieldId = (prefix: string, name: string) => `field-${prefix}-${name}`;

/** Errors of one form with fields named for the page-wide summary (prefix-name). */
export const prefixed = (prefix: string, errors: FieldError[]): FieldError[] => errors.map((e) => ({ field: `${prefix}-${e.field.split('.')[0]}`, message: e.message }));

export function errorOf(errors: FieldError[] | undefined, name: string): string | undefined {
  return errors?.find((e) => e.field === name || e.field.startsWith(`${name}.`))?.message;
}

interface MFieldProps {
  t: Translate;
  prefix: string;
  name: string;
  label: string;
  value?: string | null | undefined;
  errors?: FieldError[] | undefined;
  hint?: string | undefined;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'date' | 'email';
  required?: boolean;
  maxlength?: number;
}

export function MField(props: MFieldProps) {
  const id = fieldId(props.prefix, props.name);
  const error = errorOf(props.errors, props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: props.name, 'aria-describedby': describedBy, 'aria-invalid': error ? ('true' as const) : undefined, required: props.required, maxlength: props.maxlength };
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
          {error}
        </p>
      ) : null}
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

export function MSelect(props: {
  t: Translate;
  prefix: string;
  name: string;
  label: string;
  value?: string | null | undefined;
  options: { value: string; label: string }[];
  errors?: FieldError[] | undefined;
}) {
  const id = fieldId(props.prefix, props.name);
  const error = errorOf(props.errors, props.name);
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select id={id} name={props.name} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes with one name (a list of ids). */
export function MCheckboxes(props: {
  t: Translate;
  prefix: string;
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: readonly string[];
  errors?: FieldError[] | undefined;
}) {
  const id = fieldId(props.prefix, props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const error = errorOf(props.errors, props.name);
  const describedBy = [hintId ?? '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={`field${error ? ' field-error' : ''}`} id={id} tabindex={error ? -1 : undefined} aria-describedby={describedBy}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <ul class="checkbox-list">
        {props.options.map((o, i) => (
          <li>
            <input type="checkbox" id={`${fieldId(props.prefix, props.name)}-${i}`} name={props.name} value={o.value} checked={props.checked.includes(o.value)} />
            <label for={`${fieldId(props.prefix, props.name)}-${i}`}>{o.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function MCheckbox(props: { prefix: string; name: string; label: string; checked: boolean }) {
  const id = fieldId(props.prefix, props.name);
  return (
    <div class="field field-checkbox">
      <input type="checkbox" id={id} name={props.name} value="on" checked={props.checked} /> <label for={id}>{props.label}</label>
    </div>
  );
}
