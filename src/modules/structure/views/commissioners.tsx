import type { FieldError } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import type { Commissioner } from '../commissioners.js';

/**
 * A body's commissioners besides its parent, on its settings page: the list with a remove
 * button each, and a form to add one (a body, a principal, or a name). Plain forms, no script.
 */
export function CommissionersSection(props: {
  t: Translate;
  csrf: string;
  bodyId: string;
  parentName: string | null;
  list: Commissioner[];
  bodies: { id: string; name: string }[];
  principals: { id: string; name: string }[];
  errors: FieldError[];
  v: Record<string, string>;
}) {
  const { t, list, errors, v } = props;
  const none = { value: '', label: t('structure.commissioners.choose') };
  return (
    <section aria-labelledby="commissioners">
      <h2 id="commissioners">{t('structure.commissioners.title')}</h2>
      <p>{props.parentName ? t('structure.commissioners.intro', { parent: props.parentName }) : t('structure.commissioners.introTop')}</p>
      {list.length === 0 ? (
        <p>{t('structure.commissioners.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('structure.commissioners.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('structure.commissioners.who')}</th>
                <th scope="col">{t('structure.commissioners.kind')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('structure.commissioners.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr>
                  <th scope="row">{c.kind === 'body' && c.bodyId ? <a href={`/bodies/${c.bodyId}`}>{c.name}</a> : c.name}</th>
                  <td>{t(`structure.commissioners.kind.${c.kind}`)}</td>
                  <td>
                    <form method="post" action={`/bodies/${props.bodyId}/commissioners/${c.id}/remove`}>
                      <CsrfInput token={props.csrf} />
                      <button type="submit" class="button button-secondary" aria-label={t('structure.commissioners.removeLabel', { name: c.name })}>
                        {t('structure.commissioners.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 id="add-commissioner">{t('structure.commissioners.add')}</h3>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${props.bodyId}/commissioners`} novalidate>
        <CsrfInput token={props.csrf} />
        <p class="hint">{t('structure.commissioners.addHint')}</p>
        <SelectField
          t={t}
          name="commissionerBodyId"
          label={t('structure.commissioners.body')}
          value={v.commissionerBodyId}
          options={[none, ...props.bodies.map((b) => ({ value: b.id, label: b.name }))]}
          errors={errors}
        />
        <SelectField
          t={t}
          name="principalId"
          label={t('structure.commissioners.principal')}
          value={v.principalId}
          options={[none, ...props.principals.map((p) => ({ value: p.id, label: p.name }))]}
          errors={errors}
        />
        <Field t={t} name="commissionerName" label={t('structure.commissioners.name')} hint={t('structure.commissioners.nameHint')} value={v.commissionerName} errors={errors} maxlength={200} />
        <button type="submit" class="button">
          {t('structure.commissioners.submit')}
        </button>
      </form>
    </section>
  );
}
