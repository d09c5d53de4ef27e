import type { FieldError } from '../http/errors.js';
import type { Translate } from '../i18n/index.js';

/*
 * The one family of form fields and the one error summary. Every field has a label, an
 * optional hint and its error, linked by aria-describedby; it keeps what the person typed.
 * Its id is `field-<name>`, or `field-<prefix>-<name>` on pages with several forms of one
 * kind (one per item), or an explicit `id`; the error summary links to the same ids.
 */

/** The id of a field: `field-name`, or `field-prefix-name` when the page has several forms of one kind. */
export const fieldId = (prefix: string | undefined, name: string): string => (prefix ? `field-${prefix}-${name}` : `field-${name}`);

/** One form's errors renamed for a page-wide summary of several forms (prefix-name). */
export const prefixed = (prefix: string, errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ ...e, field: `${prefix}-${e.field.split('.')[0]}` }));

/** The error of a field: reported under its name, or under one of its entries (`name.2`). */
function errorOf(errors: readonly FieldError[] | undefined, name: string): FieldError | undefined {
  return errors?.find((e) => e.field === name || e.field.startsWith(`${name}.`));
}

/** The error summary at the top of a refused form; each error links to its field. */
export function ErrorSummary(props: { t: Translate; errors: readonly FieldError[]; idOf?: (field: string) => string }) {
  if (!props.errors.length) return null;
  const idOf = props.idOf ?? ((field: string) => fieldId(undefined, field));
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} id="error-summary">
      <h2 id="error-summary-title">{props.t('form.errorSummary')}</h2>
      <p>{props.t('form.errorCount', { count: props.errors.length })}</p>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${idOf(e.field)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What every field takes. */
interface FieldBase {
  t: Translate;
  name: string;
  label: string;
  /** An explicit id (unique on the page); else fieldId(prefix, name). */
  id?: string | undefined;
  prefix?: string | undefined;
  errors?: readonly FieldError[] | undefined;
  /** The name its errors are reported under, when it differs from `name`. */
  errorField?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
}

function parts(props: FieldBase) {
  const id = props.id ?? fieldId(props.prefix, props.name);
  const error = errorOf(props.errors, props.errorField ?? props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { id, error, describedBy };
}

function Label(props: { t: Translate; id: string; label: string; required?: boolean | undefined }) {
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

interface FieldProps extends FieldBase {
  value?: string | null | undefined;
  type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'number' | 'url' | 'search' | 'datetime-local';
  autocomplete?: string | undefined;
  multiline?: boolean | undefined;
  rows?: number | undefined;
  maxlength?: number | undefined;
}

/** A labelled input (or textarea) with hint and error. */
export function Field(props: FieldProps) {
  const { id, error, describedBy } = parts(props);
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
      <Label t={props.t} id={id} label={props.label} required={props.required} />
      <HintAndError id={id} hint={props.hint} error={error} />
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

interface SelectFieldProps extends FieldBase {
  value?: string | null | undefined;
  options: readonly { value: string; label: string }[];
  /** The label of an empty first choice, when the field may be left empty. */
  empty?: string | undefined;
}

/** A labelled select with hint and error. */
export function SelectField(props: SelectFieldProps) {
  const { id, error, describedBy } = parts(props);
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      <Label t={props.t} id={id} label={props.label} required={props.required} />
      <HintAndError id={id} hint={props.hint} error={error} />
      <select id={id} name={props.name} required={props.required} aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CheckboxFieldProps extends Omit<FieldBase, 'required'> {
  checked: boolean;
  /** The value sent when checked ('1' unless given). */
  value?: string | undefined;
}

/** A checkbox with its label after it, with hint and error. */
export function CheckboxField(props: CheckboxFieldProps) {
  const { id, error, describedBy } = parts(props);
  return (
    <div class={`field field-checkbox${error ? ' field-error' : ''}`}>
      <input type="checkbox" id={id} name={props.name} value={props.value ?? '1'} checked={props.checked} aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined} />{' '}
      <label for={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={error} />
    </div>
  );
}

interface CheckboxGroupProps extends Omit<FieldBase, 'label' | 'required'> {
  legend: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
}

/** A fieldset of checkboxes with one name (several values), with hint and error. */
export function CheckboxGroup(props: CheckboxGroupProps) {
  const { id, error, describedBy } = parts({ ...props, label: props.legend });
  return (
    <fieldset class={`field${error ? ' field-error' : ''}`} id={id} tabindex={error ? -1 : undefined} aria-describedby={describedBy}>
      <legend>{props.legend}</legend>
      <HintAndError id={id} hint={props.hint} error={error} />
      <ul class="checkbox-list">
        {props.options.map((o, i) => (
          <li>
            <input type="checkbox" id={`${id}-${i}`} name={props.name} value={o.value} checked={props.checked.includes(o.value)} /> <label for={`${id}-${i}`}>{o.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
