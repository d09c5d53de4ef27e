import type { Hono } from 'hono';
import { and, eq } from 'drizzle-orm';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { formOne, readFormAll, tryCommand, type FormData } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { ForbiddenError, type FieldError } from '../../../platform/http/errors.js';
import { requireLogin } from '../../../platform/auth/middleware.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { ErrorSummary, Field, prefixed } from '../../../platform/views/fields.js';
import { formatDate } from '../../../platform/time.js';
import { loadMeeting } from '../../meetings/index.js';
import { attended } from '../queries/index.js';
import { minutesTarget } from '../policy.js';
import { can } from '../../../platform/auth/authorize.js';
import { evaluateMeeting } from '../commands/index.js';
import { actionsOfPerson } from '../queries/index.js';
import { meetingEvaluations } from '../schema.js';
import { pageDeps, type C } from './common.js';

/* A person's own actions, and the evaluation form of a meeting. */

async function myActions(c: C) {
  const { t, db, actor, csrf } = pageDeps(c);
  if (actor.kind !== 'person') throw new ForbiddenError();
  const rows = await actionsOfPerson(db, actor.personId);
  const open = rows.filter((r) => r.action.status === 'open');
  const done = rows.filter((r) => r.action.status === 'done');
  const title = t('minutes.myActions.title');
  const table = (list: typeof rows, withButton: boolean) => (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('minutes.action.title')}</th>
            <th scope="col">{t('minutes.action.due')}</th>
            <th scope="col">{t('minutes.action.meeting')}</th>
            {withButton ? <th scope="col">{t('minutes.action.status')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr>
              <td>{r.action.title}</td>
              <td>{r.action.dueOn ?? '–'}</td>
              <td>
                <a href={`/meetings/${r.meeting.id}/minutes`}>
                  {r.body.name}, {formatDate(r.meeting.startsAt)}
                </a>
              </td>
              {withButton ? (
                <td>
                  <form method="post" action={`/actions/${r.action.id}/complete`} class="inline-form">
                    <CsrfInput token={csrf} />
                    <input type="hidden" name="returnTo" value="/actions" />
                    <button type="submit" class="button button-secondary">
                      {t('minutes.action.complete')} <span class="visually-hidden">{r.action.title}</span>
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return renderPage(
    c,
    { title, breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: title }] },
    <>
      <h1>{title}</h1>
      <p>{t('minutes.myActions.intro')}</p>
      {open.length ? table(open, true) : <p>{t('minutes.myActions.none')}</p>}
      {done.length ? (
        <>
          <h2>{t('minutes.myActions.done')}</h2>
          {table(done, false)}
        </>
      ) : null}
    </>,
  );
}

async function evaluationPage(c: C, state: { values?: FormData; errors?: FieldError[]; status?: number } = {}) {
  const { t, db, actor, csrf } = pageDeps(c);
  const loaded = await loadMeeting(db, actor, c.req.param('id') ?? '');
  const me = actor.kind === 'person' ? actor.personId : null;
  const wasThere = me ? await attended(db, loaded.meeting.id, me) : false;
  if (!can(actor, 'minutes.evaluate', { ...minutesTarget(loaded, 'minutes.evaluate'), attended: wasThere })) throw new ForbiddenError();
  const [mine] = me
    ? await db
        .select()
        .from(meetingEvaluations)
        .where(and(eq(meetingEvaluations.meetingId, loaded.meeting.id), eq(meetingEvaluations.personId, me)))
    : [];
  const title = `${t('minutes.evaluation')} – ${loaded.meeting.title} ${formatDate(loaded.meeting.startsAt)}`;
  const v = state.values ?? { forward: mine?.forward ?? '', hindered: mine?.hindered ?? '' };
  return renderPage(
    c,
    {
      title,
      status: state.status,
      breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { href: `/meetings/${loaded.meeting.id}`, label: formatDate(loaded.meeting.startsAt) }, { label: t('minutes.evaluation') }],
    },
    <>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={prefixed('evaluation', state.errors ?? [])} />
      <p>{t('minutes.evaluation.intro')}</p>
      <form method="post" action={`/meetings/${loaded.meeting.id}/evaluation`}>
        <CsrfInput token={csrf} />
        <Field t={t} prefix="evaluation" name="forward" label={t('minutes.evaluation.forward')} value={formOne(v, 'forward')} errors={state.errors} multiline rows={3} maxlength={2000} />
        <Field t={t} prefix="evaluation" name="hindered" label={t('minutes.evaluation.hindered')} value={formOne(v, 'hindered')} errors={state.errors} multiline rows={3} maxlength={2000} />
        <button type="submit" class="button">
          {t('minutes.evaluation.save')}
        </button>
      </form>
    </>,
  );
}

export function personRoutes(app: Hono<AppEnv>): void {
  app.get('/actions', requireLogin, (c) => myActions(c));
  app.get('/meetings/:id/evaluation', requireLogin, (c) => evaluationPage(c));
  app.post('/meetings/:id/evaluation', requireLogin, async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, evaluateMeeting, { meetingId: c.req.param('id'), forward: formOne(values, 'forward'), hindered: formOne(values, 'hindered') });
    if (!r.ok) return evaluationPage(c, { values, errors: r.errors, status: r.status });
    setFlash(c, { kind: 'success', message: c.get('t')('minutes.evaluation.saved') });
    return c.redirect(`/meetings/${c.req.param('id')}/evaluation`, 303);
  });
}
