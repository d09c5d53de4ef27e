import type { Translate } from '../../../platform/i18n/index.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { CheckboxField, CheckboxGroup, ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import type { allPrincipals, structureDetails } from '../queries/index.js';
import type { Structure } from '../schema.js';

/** Which of the settings page's forms was sent (its errors and values are shown with it). */
export type SettingsForm = 'settings' | 'category' | 'surface';

/** What the settings page of a structure shows (pages/structure-settings.tsx loads it). */
export interface SettingsPageData {
  structure: Structure;
  details: Awaited<ReturnType<typeof structureDetails>>;
  principals: Awaited<ReturnType<typeof allPrincipals>>;
  /** The values of the structure's form, the chosen principals, and of the two add forms. */
  v: Record<string, string>;
  chosen: string[];
  cv: Record<string, string>;
  sv: Record<string, string>;
  which?: SettingsForm | undefined;
  errors: FieldError[];
}

/** A structure's settings, goal areas and target groups, and contact surfaces, each with its form. */
export function SettingsView({ t, csrf, d }: { t: Translate; csrf: string; d: SettingsPageData }) {
  const { structure, details, principals, v, chosen, cv, sv } = d;
  const mine = (w: SettingsForm) => (d.which === w ? d.errors : []);
  const base = `/structures/${structure.slug}`;
  return (
    <>
      <h1>
        {t('structure.settings')}: {structure.name}
      </h1>
      <section aria-labelledby="edit-structure">
        <h2 id="edit-structure">{t('structure.overview.settings')}</h2>
        <ErrorSummary t={t} errors={mine('settings')} />
        <form method="post" action={`${base}/settings`} novalidate>
          <CsrfInput token={csrf} />
          <input type="hidden" name="version" value={String(structure.version)} />
          <Field t={t} name="name" label={t('structure.name')} value={v.name} errors={mine('settings')} required maxlength={200} />
          <Field t={t} name="shortName" label={t('structure.shortName')} value={v.shortName} errors={mine('settings')} maxlength={60} />
          <Field t={t} name="description" label={t('structure.description')} value={v.description} errors={mine('settings')} multiline rows={3} />
          <CheckboxGroup t={t} name="principalIds" legend={t('structure.principals')} options={principals.map((p) => ({ value: p.id, label: p.name }))} checked={chosen} errors={mine('settings')} />
          <button type="submit" class="button">
            {t('structure.common.save')}
          </button>
        </form>
      </section>

      <section aria-labelledby="categories">
        <h2 id="categories">{t('structure.categories')}</h2>
        {details.categories.length ? (
          <ul>
            {details.categories.map((cat) => (
              <li>
                {cat.name} <span class="tag">{t(`structure.category.kind.${cat.kind}`)}</span>
                {cat.crossCutting ? <span class="muted"> – {t('structure.category.crossCutting')}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('structure.categories.empty')}</p>
        )}
        <h3 id="add-category">{t('structure.categories.create')}</h3>
        <ErrorSummary t={t} errors={mine('category')} />
        <form method="post" action={`${base}/categories`} novalidate>
          <CsrfInput token={csrf} />
          <SelectField
            t={t}
            name="kind"
            label={t('structure.category.kind')}
            value={cv.kind}
            options={[
              { value: 'goal_area', label: t('structure.category.kind.goal_area') },
              { value: 'target_group', label: t('structure.category.kind.target_group') },
            ]}
            errors={mine('category')}
          />
          <Field t={t} name="name" label={t('structure.category.name')} value={cv.name} errors={mine('category')} required maxlength={200} />
          <Field t={t} name="description" label={t('structure.description')} value={cv.description} errors={mine('category')} multiline rows={2} />
          <CheckboxField t={t} name="crossCutting" label={t('structure.category.crossCutting')} checked={cv.crossCutting === '1'} />
          <button type="submit" class="button">
            {t('structure.categories.create')}
          </button>
        </form>
      </section>

      <section aria-labelledby="surfaces">
        <h2 id="surfaces">{t('structure.contactSurfaces')}</h2>
        {details.contactSurfaces.length ? (
          <ul>
            {details.contactSurfaces.map((s) => (
              <li>
                {s.name}
                {s.distributionList.length ? <span class="muted"> – {s.distributionList.join(', ')}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('structure.contactSurfaces.empty')}</p>
        )}
        <h3 id="add-surface">{t('structure.contactSurfaces.create')}</h3>
        <ErrorSummary t={t} errors={mine('surface')} />
        <form method="post" action={`${base}/contact-surfaces`} novalidate>
          <CsrfInput token={csrf} />
          <Field t={t} name="name" label={t('structure.contactSurface')} value={sv.name} errors={mine('surface')} required maxlength={200} />
          <Field t={t} name="description" label={t('structure.description')} value={sv.description} errors={mine('surface')} multiline rows={2} />
          <Field
            t={t}
            name="distributionList"
            label={t('structure.distributionList')}
            hint={t('structure.distributionListHint')}
            value={sv.distributionList}
            errors={mine('surface')}
            multiline
            rows={3}
          />
          <button type="submit" class="button">
            {t('structure.contactSurfaces.create')}
          </button>
        </form>
      </section>
    </>
  );
}
