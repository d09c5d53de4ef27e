import { z } from 'zod';
import { defineHomeSection } from '../../../platform/views/home.js';
import { today } from '../../../platform/days.js';
import { formatDate } from '../../../platform/time.js';
import { openActionsOfPerson } from '../queries/follow-up.js';

/** How many open actions the home page lists (the rest are on /actions). */
const SHOWN = 10;

const myActionsSchema = z.object({
  total: z.number().int().describe('All my open actions; the list holds the first ones'),
  items: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      dueOn: z.string().nullable().describe('YYYY-MM-DD'),
      overdue: z.boolean(),
      bodyId: z.uuid(),
      bodyName: z.string(),
      meetingId: z.uuid(),
      meetingStartsAt: z.string(),
      link: z.string().describe('Where the action is marked done'),
    }),
  ),
});
type MyActionsData = z.infer<typeof myActionsSchema>;

/** "Mina åtgärder" on the home page (and `myActions` in GET /api/me/overview): the person's open actions, the earliest due first. */
export const myActionsSection = defineHomeSection<MyActionsData>({
  order: 30,
  key: 'myActions',
  schema: myActionsSchema,
  async load(c) {
    const actor = c.get('actor');
    if (actor.kind !== 'person') return null;
    const day = today();
    const { items, total } = await openActionsOfPerson(c.get('deps').database.db, actor.personId, SHOWN);
    return {
      total,
      items: items.map((a) => ({
        id: a.id,
        title: a.title,
        dueOn: a.dueOn,
        overdue: !!a.dueOn && a.dueOn < day,
        bodyId: a.bodyId,
        bodyName: a.bodyName,
        meetingId: a.meetingId,
        meetingStartsAt: a.meetingStartsAt.toISOString(),
        link: '/actions',
      })),
    };
  },
  render(c, data) {
    const t = c.get('t');
    return (
      <section aria-labelledby="home-my-actions">
        <h2 id="home-my-actions">{t('minutes.myActions.title')}</h2>
        {data.items.length === 0 ? (
          <p>{t('minutes.myActions.none')}</p>
        ) : (
          <ul class="my-actions">
            {data.items.map((a) => (
              <li>
                {a.title}{' '}
                <span class="muted">
                  ({a.bodyName}, <a href={`/meetings/${a.meetingId}/minutes`}>{t('minutes.home.actions.from', { date: formatDate(new Date(a.meetingStartsAt)) })}</a>)
                </span>
                {a.dueOn ? <> – {t('minutes.home.actions.due', { date: a.dueOn })}</> : null}
                {a.overdue ? (
                  <>
                    {' '}
                    <strong class="overdue">{t('minutes.followUpPage.overdue')}</strong>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/actions">{data.total > data.items.length ? t('minutes.home.actions.all', { count: data.total }) : t('minutes.home.actions.manage')}</a>
        </p>
      </section>
    );
  },
});
