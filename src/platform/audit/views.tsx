import type { Translate } from '../i18n/index.js';
import { formatDateTime } from '../time.js';
import { Pager } from '../views/components.js';
import { Field, SelectField } from '../views/fields.js';
import { filterQueryString, type HistoryChange, type HistoryChoices, type HistoryEntry, type HistoryFilter } from './history.js';

/** One changed field: "Startdatum: 1 januari 2027 → 1 februari 2027" (the set value alone for a creation). */
function Change(props: { t: Translate; change: HistoryChange }) {
  const { t, change } = props;
  const none = '–';
  return (
    <li>
      <span class="history-field">{change.label}:</span>{' '}
      {change.before === null ? (
        <>
          <span class="visually-hidden">{t('admin.audit.setTo')} </span>
          {change.after ?? none}
        </>
      ) : change.after === null ? (
        <>
          <del>{change.before}</del> <span class="muted">({t('admin.audit.removed')})</span>
        </>
      ) : (
        <>
          <span class="visually-hidden">{t('admin.audit.changedFrom')} </span>
          <del>{change.before}</del> <span aria-hidden="true">→</span>
          <span class="visually-hidden"> {t('admin.audit.changedTo')}</span> <ins>{change.after}</ins>
        </>
      )}
    </li>
  );
}

/** A list of history entries: who, when, what, and the changed fields by their labels; no JSON. */
export function HistoryList(props: { t: Translate; entries: readonly HistoryEntry[]; showObject?: boolean; historyHref?: ((e: HistoryEntry) => string | null) | undefined }) {
  const { t } = props;
  return (
    <ol class="history-list">
      {props.entries.map((e) => {
        const href = props.historyHref?.(e) ?? null;
        const object = `${e.objectLabel}${e.objectName ? `: ${e.objectName}` : ''}`;
        return (
          <li class="history-entry">
            <p>
              <strong>{e.operationLabel}</strong>
              {props.showObject !== false ? (
                <>
                  {' – '}
                  {href ? <a href={href}>{object}</a> : object}
                </>
              ) : null}
            </p>
            <p class="muted">
              <time datetime={e.at.toISOString()}>{formatDateTime(e.at)}</time> · {e.actorName}
            </p>
            {e.changes.length ? (
              <ul class="history-changes" aria-label={t('admin.audit.changes')}>
                {e.changes.map((c) => (
                  <Change t={t} change={c} />
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The filter form of a history page (a plain GET form: works without JavaScript). */
export function HistoryFilterForm(props: { t: Translate; action: string; filter: Partial<HistoryFilter>; choices: HistoryChoices }) {
  const { t, filter, choices } = props;
  const all = t('admin.audit.filter.all');
  return (
    <form method="get" action={props.action} class="filter-form" role="search" aria-label={t('admin.audit.filter')}>
      <SelectField t={t} name="actor" id="history-actor" label={t('admin.audit.filter.actor')} value={filter.actor} options={choices.actors} empty={all} />
      <SelectField t={t} name="type" id="history-type" label={t('admin.audit.filter.type')} value={filter.type} options={choices.types} empty={all} />
      <SelectField t={t} name="operation" id="history-operation" label={t('admin.audit.filter.operation')} value={filter.operation} options={choices.operations} empty={all} />
      <Field t={t} name="from" id="history-from" type="date" label={t('admin.audit.filter.from')} value={filter.from} />
      <Field t={t} name="to" id="history-to" type="date" label={t('admin.audit.filter.to')} value={filter.to} />
      <div class="field">
        <button type="submit" class="button">
          {t('admin.audit.filter.submit')}
        </button>{' '}
        <a href={props.action}>{t('admin.audit.filter.clear')}</a>
      </div>
    </form>
  );
}

/** The filter, the count, the entries and the pager of a history page. */
export function HistorySection(props: {
  t: Translate;
  action: string;
  filter: Partial<HistoryFilter>;
  choices: HistoryChoices;
  entries: readonly HistoryEntry[];
  page: number;
  pages: number;
  total: number;
  historyHref?: ((e: HistoryEntry) => string | null) | undefined;
}) {
  const { t } = props;
  return (
    <>
      <HistoryFilterForm t={t} action={props.action} filter={props.filter} choices={props.choices} />
      <p role="status">{t('admin.audit.count', { count: props.total })}</p>
      {props.entries.length ? <HistoryList t={t} entries={props.entries} historyHref={props.historyHref} /> : <p>{t('admin.history.empty')}</p>}
      <Pager t={t} page={props.page} pages={props.pages} href={(p) => `${props.action}${filterQueryString(props.filter, p)}`} />
    </>
  );
}
