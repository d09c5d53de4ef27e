import type { Child } from 'hono/jsx';
import type { Translate } from '../../../platform/i18n/index.js';
import type { FollowUp } from '../follow-up.js';

interface Props {
  t: Translate;
  data: FollowUp;
  title: string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

/** One list of the follow-up: a table of its rows, or a sentence when it has none. */
function FollowUpList(props: { id: string; title: string; none: string; columns: string[]; rows: Child[][] }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p>{props.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                {props.columns.map((column) => (
                  <th scope="col">{column}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((cells) => (
                <tr>
                  {cells.map((cell) => (
                    <td>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A body's follow-up: four lists, each a table, or a sentence when it is empty. */
export function FollowUpView({ t, data, title, date, dateTime }: Props) {
  const late = <strong class="overdue">{t('minutes.followUpPage.overdue')}</strong>;
  const lateMark = (is: boolean) => (is ? <> {late}</> : null);
  const meeting = (row: { link: string; meetingTitle: string; meetingStartsAt: string }) => (
    <a href={row.link}>
      {row.meetingTitle}, {date(row.meetingStartsAt)}
    </a>
  );
  const list = (id: string, [title, none]: [string, string], columns: string[], rows: Child[][]) => <FollowUpList id={`follow-up-${id}`} title={title} none={none} columns={columns} rows={rows} />;
  return (
    <>
      <h1>{title}</h1>
      <p>{t('minutes.followUpPage.intro', { days: data.minutesDueDays })}</p>
      {list(
        'actions',
        [t('minutes.followUpPage.actions'), t('minutes.followUpPage.actions.none')],
        [t('minutes.action.title'), t('minutes.action.owner'), t('minutes.action.due'), t('minutes.action.meeting')],
        data.actions.map((a) => [
          a.title,
          a.ownerName ?? '–',
          <>
            {a.dueOn ?? '–'}
            {lateMark(a.overdue)}
          </>,
          meeting(a),
        ]),
      )}
      {list(
        'approvals',
        [t('minutes.followUpPage.approvals'), t('minutes.followUpPage.approvals.none')],
        [t('minutes.action.meeting'), t('minutes.followUpPage.approver'), t('minutes.followUpPage.deadline')],
        data.approvals.map((a) => [
          meeting(a),
          <>
            {a.personName} ({t(`minutes.role.${a.role}`)})
          </>,
          <>
            <time datetime={a.deadline}>{dateTime(a.deadline)}</time>
            {lateMark(a.overdue)}
          </>,
        ]),
      )}
      {list(
        'submissions',
        [t('minutes.followUpPage.submissions'), t('minutes.followUpPage.submissions.none')],
        [t('minutes.followUpPage.submission'), t('minutes.followUpPage.submittedBy'), t('minutes.action.meeting')],
        data.submissions.map((s) => [
          s.title,
          <>
            {s.submittedByName}, <time datetime={s.submittedAt}>{date(s.submittedAt)}</time>
          </>,
          meeting(s),
        ]),
      )}
      {list(
        'minutes',
        [t('minutes.followUpPage.withoutMinutes'), t('minutes.followUpPage.withoutMinutes.none')],
        [t('minutes.action.meeting'), t('minutes.followUpPage.minutesStatus')],
        data.meetingsWithoutMinutes.map((m) => [
          meeting({ link: m.link, meetingTitle: m.title, meetingStartsAt: m.startsAt }),
          <>
            {m.minutesStatus ? t(`minutes.status.${m.minutesStatus}`) : t('minutes.followUpPage.notStarted')}
            {lateMark(m.late)}
          </>,
        ]),
      )}
    </>
  );
}
