import type { FieldError } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { Presenter } from '../schema.js';

/*
 * Presenters of an item: several, each a person from the register or a name with an
 * organisation (an external presenter). The form has one row per presenter and an empty
 * row to add one; the rows arrive as presenters.N.personId / .name / .organisation
 * (presentersFromForm in inputs.ts).
 */

/** "Anna Berg, Per Ek (Länsstyrelsen)": the presenters in order, an external with their organisation. */
export function presenterNames(presenters: readonly Pick<Presenter, 'name' | 'organisation'>[] | null | undefined): string {
  return (presenters ?? [])
    .filter((p) => p.name?.trim())
    .map((p) => (p.organisation?.trim() ? `${p.name.trim()} (${p.organisation.trim()})` : p.name.trim()))
    .join(', ');
}

/** A form's values for the presenter rows of stored presenters. */
export function presenterValues(presenters: readonly Presenter[], prefix = 'presenters'): Record<string, string> {
  const values: Record<string, string> = {};
  presenters.forEach((p, i) => {
    values[`${prefix}.${i}.personId`] = p.personId ?? '';
    values[`${prefix}.${i}.name`] = p.name;
    values[`${prefix}.${i}.organisation`] = p.organisation ?? '';
  });
  return values;
}

/**
 * The presenter rows: for each, a person from the register (when `people` is given) or a
 * name and organisation. One empty row more than those filled (at least two rows).
 * `idPrefix` keeps the ids unique where several forms share a page.
 */
export function PresenterFields(props: {
  t: Translate;
  values: Record<string, string | undefined>;
  errors: FieldError[];
  people?: readonly { id: string; name: string }[] | undefined;
  idPrefix?: string | undefined;
  hint?: string | undefined;
}) {
  const { t, values, errors } = props;
  let used = 0;
  for (const key of Object.keys(values)) {
    const m = /^presenters\.(\d{1,2})\.(personId|name|organisation)$/.exec(key);
    if (m && values[key]?.trim()) used = Math.max(used, Number(m[1]) + 1);
  }
  const rows = Math.min(Math.max(used + 1, 2), 10);
  const idOf = (i: number, part: string) => `${props.idPrefix ? `${props.idPrefix}-` : ''}field-presenters-${i}-${part}`;
  const errorOf = (i: number, part: string) => errors.find((e) => e.field === `presenters.${i}.${part}`)?.message;
  return (
    <fieldset class="presenters">
      <legend>{t('meetings.presenters.legend')}</legend>
      <p class="hint">{props.hint ?? t('meetings.presenters.hint')}</p>
      {Array.from({ length: rows }, (_, i) => (
        <div class="field-row presenter-row">
          {props.people ? (
            <div class={`field${errorOf(i, 'personId') ? ' field-error' : ''}`}>
              <label for={idOf(i, 'personId')}>{t('meetings.presenters.person', { n: i + 1 })}</label>
              {errorOf(i, 'personId') ? <p class="error-message">{errorOf(i, 'personId')}</p> : null}
              <select id={idOf(i, 'personId')} name={`presenters.${i}.personId`}>
                <option value="">–</option>
                {props.people.map((p) => (
                  <option value={p.id} selected={p.id === values[`presenters.${i}.personId`]}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div class={`field${errorOf(i, 'name') ? ' field-error' : ''}`}>
            <label for={idOf(i, 'name')}>{t('meetings.presenters.name', { n: i + 1 })}</label>
            {errorOf(i, 'name') ? <p class="error-message">{errorOf(i, 'name')}</p> : null}
            <input id={idOf(i, 'name')} name={`presenters.${i}.name`} type="text" value={values[`presenters.${i}.name`] ?? ''} maxlength={200} />
          </div>
          <div class={`field${errorOf(i, 'organisation') ? ' field-error' : ''}`}>
            <label for={idOf(i, 'organisation')}>{t('meetings.presenters.organisation', { n: i + 1 })}</label>
            {errorOf(i, 'organisation') ? <p class="error-message">{errorOf(i, 'organisation')}</p> : null}
            <input id={idOf(i, 'organisation')} name={`presenters.${i}.organisation`} type="text" value={values[`presenters.${i}.organisation`] ?? ''} maxlength={200} />
          </div>
        </div>
      ))}
    </fieldset>
  );
}
