import type { Child } from 'hono/jsx';
import type { BodyRole } from '../../platform/auth/roles.js';
import type { FieldError } from '../../platform/http/errors.js';
import type { MessageKey, Translate } from '../../platform/i18n/index.js';
import type { BodyKind, BodyLevel, PrincipalKind } from './schema.js';
import type { Warning } from './composition.js';

/** Translates a key built at run time (enum values); the catalog test keeps them complete. */
export const tk = (t: Translate, key: string, params?: Record<string, string | number>) => t(key as MessageKey, params);

export const roleLabel = (t: Translate, role: BodyRole) => tk(t, `role.${role}`);
export const levelLabel = (t: Translate, level: BodyLevel) => tk(t, `body.level.${level}`);
export const kindLabel = (t: Translate, kind: BodyKind) => tk(t, `body.kind.${kind}`);
export const principalKindLabel = (t: Translate, kind: PrincipalKind) => tk(t, `principals.kind.${kind}`);
export const kindOfLabel = (t: Translate, kind: PrincipalKind) => tk(t, `body.kindOf.${kind}`);

export function periodText(t: Translate, from: string, to: string | null): string {
  return to ? t('body.period.closed', { from, to }) : t('body.period.open', { from });
}

export function WarningList(props: { t: Translate; warnings: Warning[] }) {
  if (!props.warnings.length) return null;
  return (
    <section aria-labelledby="warnings-title">
      <h2 id="warnings-title">{props.t('body.warnings')}</h2>
      <ul class="warnings">
        {props.warnings.map((w) => (
          <li>{tk(props.t, `body.warning.${w.kind}`, w.params)}</li>
        ))}
      </ul>
    </section>
  );
}

/** A checkbox with its label after it, keeping its state on refusal. */
export function Checkbox(props: { name: string; label: string; checked: boolean; value?: string; id?: string }) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <div class="field">
      <input type="checkbox" id={id} name={props.name} value={props.value ?? '1'} checked={props.checked} /> <label for={id}>{props.label}</label>
    </div>
  );
}

/** A fieldset of checkboxes with one name (several values). */
export function CheckboxGroup(props: { t: Translate; name: string; legend: string; options: { value: string; label: string }[]; checked: string[]; errors?: FieldError[] }) {
  const error = props.errors?.find((e) => e.field === props.name);
  return (
    <fieldset id={`field-${props.name}`} class={error ? 'field-error' : undefined}>
      <legend>{props.legend}</legend>
      {error ? <p class="error-message">{error.message}</p> : null}
      <ul class="checkbox-list">
        {props.options.map((o, i) => (
          <li>
            <input type="checkbox" id={`field-${props.name}-${i}`} name={props.name} value={o.value} checked={props.checked.includes(o.value)} />{' '}
            <label for={`field-${props.name}-${i}`}>{o.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function Facts(props: { items: [string, Child][] }) {
  return (
    <dl class="facts">
      {props.items.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </dl>
  );
}

/** Splits a textarea of addresses (lines, commas, semicolons) into a list. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
