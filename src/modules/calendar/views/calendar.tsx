import type { Translate } from '../../../platform/i18n/index.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { ActionButtonForm, CsrfInput } from '../../../platform/views/components.js';
import { ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import { formatDateTime } from '../../../platform/time.js';
import { webcalUrl } from '../feeds.js';
import type { feedsOf } from '../queries.js';

/** What the calendar page shows (pages/index.tsx loads it). */
export interface CalendarPageData {
  feeds: Awaited<ReturnType<typeof feedsOf>>;
  /** The bodies the person may make a feed of: [id, "name (structure)"]. */
  bodyOptions: [string, string][];
  errors: FieldError[];
  values: Record<string, string>;
  /** The link just made (shown once). */
  created?: { url: string; name: string } | undefined;
}

/** The person's calendar links and the form for a new one. */
export function CalendarView({ t, csrf, d }: { t: Translate; csrf: string; d: CalendarPageData }) {
  const { feeds, bodyOptions, errors, values } = d;
  const choice = values.what ?? 'person';
  return (
    <>
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.intro')}</p>
      {d.created ? (
        <div class="flash flash-success" role="status">
          <p>{t('calendar.newUrl')}</p>
          <p>
            <code id="new-calendar-url">{d.created.url}</code>
          </p>
          <p>
            <a href={webcalUrl(d.created.url)}>{t('calendar.subscribe')}</a>
          </p>
        </div>
      ) : null}
      <section aria-labelledby="feeds-heading">
        <h2 id="feeds-heading">{t('calendar.feeds')}</h2>
        {feeds.length === 0 ? (
          <p>{t('calendar.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.name')}</th>
                  <th scope="col">{t('calendar.scope')}</th>
                  <th scope="col">{t('calendar.created')}</th>
                  <th scope="col">{t('calendar.lastUsed')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('calendar.revoke')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {feeds.map(({ feed, bodyName }) => (
                  <tr>
                    <td>
                      {feed.name} <code>{feed.prefix}…</code>
                    </td>
                    <td>{feed.scope === 'body' ? t('calendar.scope.body', { body: bodyName ?? '' }) : t('calendar.scope.person')}</td>
                    <td>{formatDateTime(feed.createdAt)}</td>
                    <td>{feed.lastUsedAt ? formatDateTime(feed.lastUsedAt) : t('calendar.never')}</td>
                    <td>
                      <ActionButtonForm csrf={csrf} action="/calendar/feeds/revoke" values={{ feedId: feed.id }} label={t('calendar.revoke')} accessibleName={`${t('calendar.revoke')} ${feed.name}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="create-heading">
        <h2 id="create-heading">{t('calendar.createTitle')}</h2>
        {bodyOptions.length === 0 ? <p>{t('calendar.noBodies')}</p> : null}
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action="/calendar/feeds" novalidate>
          <CsrfInput token={csrf} />
          <SelectField
            t={t}
            name="what"
            label={t('calendar.what')}
            value={choice}
            errors={errors}
            options={[{ value: 'person', label: t('calendar.scope.person') }, ...bodyOptions.map(([id, label]) => ({ value: id, label: t('calendar.scope.body', { body: label }) }))]}
          />
          <Field t={t} name="name" label={t('calendar.name')} hint={t('calendar.nameHint')} value={values.name} errors={errors} maxlength={100} />
          <button type="submit" class="button">
            {t('calendar.create')}
          </button>
        </form>
      </section>
    </>
  );
}
