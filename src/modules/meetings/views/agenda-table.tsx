import type { Child } from 'hono/jsx';
import type { Translate } from '../../../platform/i18n/index.js';
import { formatTime } from '../../../platform/time.js';
import { timedAgenda, type TimedItem } from '../agenda.js';
import { depthOf } from '../numbering.js';
import { presenterNames } from './presenters.js';
import type { AgendaItem, Meeting } from '../schema.js';

/** The class of a sub-item's row (indented under its parent); none for a main item. */
function subItemClass(items: readonly AgendaItem[], item: AgendaItem): string | undefined {
  const depth = depthOf(items, item.id);
  return depth === 0 ? undefined : depth === 1 ? 'agenda-sub-item' : 'agenda-sub-item agenda-sub-item-2';
}

/** The timed agenda (tidsatt agenda): number, clock times, title, presenter; sub-items under their item. */
export function AgendaTable(props: {
  t: Translate;
  meeting: Pick<Meeting, 'startsAt' | 'endsAt' | 'agendaPublishedAt'>;
  items: AgendaItem[];
  caption: string;
  /** Extra cells at the end of each row (builder buttons). */
  actions?: (item: AgendaItem, index: number, count: number) => Child;
  actionsLabel?: string;
  attachmentsOf?: (item: AgendaItem) => Child;
  /** The items already timed (a reader's agenda keeps the numbers and times of the whole agenda). */
  timed?: { items: TimedItem<AgendaItem>[]; ends: Date };
}) {
  const { t, items } = props;
  const timed = props.timed ?? timedAgenda(props.meeting.startsAt, items);
  const overrun = timed.ends.getTime() > props.meeting.endsAt.getTime();
  let section: string | null = null;
  return (
    <>
      <div class="table-wrap">
        <table class="agenda">
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.agenda.number')}</th>
              <th scope="col">{t('meetings.agenda.time')}</th>
              <th scope="col">{t('meetings.agenda.item')}</th>
              <th scope="col">{t('meetings.agenda.presenter')}</th>
              {props.actions ? <th scope="col">{props.actionsLabel ?? t('meetings.agenda.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {timed.items.map((ti, i) => {
              const item = ti.item;
              const newSection = item.section && item.section !== section ? item.section : null;
              if (item.section) section = item.section;
              return (
                <>
                  {newSection ? (
                    <tr class="agenda-section">
                      <th scope="rowgroup" colspan={props.actions ? 5 : 4}>
                        {newSection}
                      </th>
                    </tr>
                  ) : null}
                  <tr
                    id={`item-${item.id}`}
                    class={subItemClass(
                      timed.items.map((x) => x.item),
                      item,
                    )}
                  >
                    <td>{ti.number}</td>
                    <td class="nowrap">
                      {item.durationMinutes ? (
                        <>
                          <time datetime={ti.start.toISOString()}>{formatTime(ti.start)}</time>–<time datetime={ti.end.toISOString()}>{formatTime(ti.end)}</time>
                          <span class="muted"> ({t('meetings.agenda.minutes', { minutes: item.durationMinutes })})</span>
                        </>
                      ) : (
                        <time datetime={ti.start.toISOString()}>{formatTime(ti.start)}</time>
                      )}
                    </td>
                    <td>
                      <strong>{item.title}</strong>
                      {item.kind !== 'information' ? <span class="muted"> · {t(`meetings.kind.${item.kind}`)}</span> : null}
                      {item.internal ? (
                        <>
                          {' '}
                          <span class="tag">{t('meetings.item.internal')}</span>
                        </>
                      ) : null}
                      {props.meeting.agendaPublishedAt && item.changedAfterPublishAt ? (
                        <>
                          {' '}
                          <span class="tag tag-changed">{t('meetings.item.changedAfterPublish')}</span>
                        </>
                      ) : null}
                      {item.description ? <p class="item-description">{item.description}</p> : null}
                      {props.attachmentsOf?.(item)}
                    </td>
                    <td>{presenterNames(item.presenters)}</td>
                    {props.actions ? <td class="agenda-actions">{props.actions(item, i, items.length)}</td> : null}
                  </tr>
                </>
              );
            })}
          </tbody>
        </table>
      </div>
      {items.length ? (
        <p class={overrun ? 'warning' : 'muted'}>
          {overrun ? t('meetings.agenda.overrun', { ends: formatTime(timed.ends), planned: formatTime(props.meeting.endsAt) }) : t('meetings.agenda.ends', { ends: formatTime(timed.ends) })}
        </p>
      ) : null}
    </>
  );
}
