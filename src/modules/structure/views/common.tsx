import type { Child } from 'hono/jsx';
import type { BodyRole } from '../../../platform/auth/roles.js';
import type { FieldError } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { BodyKind, BodyLevel, StoredText } from '../schema.js';
import type { Warning } from '../queries/composition.js';

export const roleLabel = (t: Translate, role: BodyRole) => t(`structure.role.${role}`);
export const levelLabel = (t: Translate, level: BodyLevel) => t(`structure.body.level.${level}`);
export const kindLabel = (t: Translate, kind: BodyKind) => t(`structure.body.kind.${kind}`);

export function periodText(t: Translate, from: string, to: string | null): string {
  return to ? t('structure.body.period.closed', { from, to }) : t('structure.body.period.open', { from });
}

export function WarningList(props: { t: Translate; warnings: Warning[] }) {
  if (!props.warnings.length) return null;
  return (
    <section aria-labelledby="warnings-title">
      <h2 id="warnings-title">{props.t('structure.body.warnings')}</h2>
      <ul class="warnings">
        {props.warnings.map((w) => (
          <li>{props.t(`structure.body.warning.${w.kind}`, w.params)}</li>
        ))}
      </ul>
    </section>
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

/** Errors on list items (distributionList.2) belong to the list's field. */
export function fieldErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, field: e.field.replace(/\.\d+$/, '') }));
}

/** A stored text in the reader's language (rows from before message keys hold Swedish text). */
export function storedText(text: StoredText, t: Translate): string {
  return typeof text === 'string' ? text : t(text.key, text.params);
}
