import type { Context, Hono } from 'hono';
import { asc, eq } from 'drizzle-orm';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { type FormData, formOne, formValues, readFormAll, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { ForbiddenError, NotFoundError, type FieldError } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { can } from '../../../platform/auth/authorize.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import { today, type Day } from '../../../platform/days.js';
import { compositionOf } from '../queries/composition.js';
import { commissionersOf, servedBodies } from '../commissioners.js';
import { shownDay } from '../on-day.js';
import { compositionForReader } from '../policy.js';
import { addMandateVersion, createBody } from '../commands/index.js';
import { mandateHistory, structureBySlug, subBodies, trailOf } from '../queries/index.js';
import { rolesOf } from '../policy.js';
import { bodies, type Body } from '../schema.js';
import { bodyAccess, type BodyAccess } from '../policy.js';
import { BodySettingsFields, bodyInputFromForm } from '../views/body-form.js';
import { fieldErrors } from '../views/common.js';
import { BodyView, MandateView, type BodyPageData } from '../views/body.js';
import { csrfToken } from '../../../platform/auth/middleware.js';

export async function bodyCrumbs(
  c: Context<AppEnv>,
  body: Body,
  last?: string,
  known?: { structure: { slug: string; name: string; shortName: string | null }; ancestors: { id: string; name: string; shortName: string | null }[] },
) {
  const t = c.get('t');
  const { structure, ancestors } = known ?? (await trailOf(c.get('deps').database.db, body));
  return [
    { href: '/structures', label: t('structure.list.title') },
    { href: `/structures/${structure.slug}`, label: structure.shortName ?? structure.name },
    ...ancestors.map((a) => ({ href: `/bodies/${a.id}`, label: a.shortName ?? a.name })),
    ...(last ? [{ href: `/bodies/${body.id}`, label: body.shortName ?? body.name }, { label: last }] : [{ label: body.shortName ?? body.name }]),
  ];
}

async function loadBodyPage(c: Context<AppEnv>, access: BodyAccess, shownOn?: Day) {
  const db = c.get('deps').database.db;
  const { body, can: allowed } = access;
  const on = today();
  const [{ structure, ancestors }, mandates, subs, all, commissioners, served] = await Promise.all([
    trailOf(db, body),
    mandateHistory(db, body.id),
    subBodies(db, body.id),
    compositionOf(db, body, shownOn ?? on),
    commissionersOf(db, body),
    servedBodies(db, body),
  ]);
  const comp = allowed.read ? await compositionForReader(db, c.get('actor'), all) : all;
  const d: BodyPageData = {
    access,
    structure,
    parent: ancestors.at(-1),
    mandates,
    current: mandates.find((m) => m.mandate.validFrom <= on) ?? mandates[0],
    subs,
    comp,
    ended: body.activeTo !== null && body.activeTo < on,
    today: on,
    commissioners,
    served,
  };
  return { d, trail: { structure, ancestors } };
}

async function bodyPage(c: Context<AppEnv>, access: BodyAccess) {
  // ?on=YYYY-MM-DD: the composition on that day (an invalid day is a 400).
  const { d, trail } = await loadBodyPage(c, access, shownDay(c));
  return renderPage(c, { title: access.body.name, breadcrumbs: await bodyCrumbs(c, access.body, undefined, trail) }, <BodyView t={c.get('t')} d={d} />);
}

async function newBodyPage(c: Context<AppEnv>, form: FormData | undefined, errors: FieldError[] = [], status = 200) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const structure = await structureBySlug(db, c.req.param('slug') ?? '');
  if (!structure) throw new NotFoundError();
  const others = await db.select({ id: bodies.id, name: bodies.name, parentId: bodies.parentId }).from(bodies).where(eq(bodies.structureId, structure.id)).orderBy(asc(bodies.sortKey)).limit(1000);
  const parentId = form ? formOne(form, 'parentId') : (c.req.query('parent') ?? '');
  const parent = parentId ? others.find((b) => b.id === parentId) : undefined;
  const admin = can(c.get('actor'), 'structure.administer', null);
  if (!admin) {
    if (!parent) throw new ForbiddenError();
    const roles = await rolesOf(db, c.get('actor'), parent.id);
    if (!can(c.get('actor'), 'structure.createSubBody', { body: { id: parent.id, isPublic: false }, roles })) throw new ForbiddenError();
  }
  const v = form
    ? formValues(form)
    : {
        parentId,
        level: 'operational',
        kind: 'working_group',
        minutesKind: 'notes',
        activeFrom: today(),
        substitutesAllowed: '1',
        meetingsPer: 'year',
        chairKindRule: 'any',
        chairReminderDays: '60',
        callOpensDays: '14',
        submissionDeadlineDays: '7',
        agendaPublishDays: '5',
      };
  const choices = admin ? others : others.filter((b) => b.id === parent?.id);
  return renderPage(
    c,
    {
      title: t('structure.body.new.title', { structure: structure.name }),
      status,
      breadcrumbs: [
        { href: '/structures', label: t('structure.list.title') },
        { href: `/structures/${structure.slug}`, label: structure.shortName ?? structure.name },
        { label: t('structure.overview.addBody') },
      ],
    },
    <>
      <h1>{t('structure.body.new.title', { structure: structure.name })}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/structures/${structure.slug}/bodies/new`} novalidate>
        <CsrfInput token={csrfToken(c)} />
        <BodySettingsFields t={t} v={v} errors={errors} bodies={choices} withSlug withParent parentRequired={others.length > 0} />
        <fieldset>
          <legend>{t('structure.body.mandate.first')}</legend>
          <p class="hint">{t('structure.body.mandate.firstHint')}</p>
          <MandateFields t={t} v={v} errors={errors} prefix="mandate." bodies={others} />
        </fieldset>
        <button type="submit" class="button">
          {t('structure.body.new.submit')}
        </button>
      </form>
    </>,
  );
}

function MandateFields(props: { t: Translate; v: Record<string, string>; errors: FieldError[]; prefix?: string; bodies: { id: string; name: string }[] }) {
  const { t, v, errors } = props;
  const p = props.prefix ?? '';
  return (
    <>
      <Field t={t} name={`${p}purpose`} label={t('structure.body.mandate.purpose')} value={v[`${p}purpose`]} errors={errors} multiline rows={4} />
      <Field t={t} name={`${p}tasks`} label={t('structure.body.mandate.tasks')} value={v[`${p}tasks`]} errors={errors} multiline rows={6} />
      <Field t={t} name={`${p}responsibilities`} label={t('structure.body.mandate.responsibilities')} value={v[`${p}responsibilities`]} errors={errors} multiline rows={4} />
      <Field t={t} name={`${p}waysOfWorking`} label={t('structure.body.mandate.waysOfWorking')} value={v[`${p}waysOfWorking`]} errors={errors} multiline rows={4} />
      <Field t={t} name={`${p}validFrom`} label={t('structure.body.mandate.validFrom')} type="date" value={v[`${p}validFrom`]} errors={errors} />
      <Field t={t} name={`${p}approvedOn`} label={t('structure.body.mandate.approvedOn')} type="date" value={v[`${p}approvedOn`]} errors={errors} />
      <SelectField
        t={t}
        name={`${p}approvedByBodyId`}
        label={t('structure.body.mandate.approvedBy')}
        value={v[`${p}approvedByBodyId`]}
        options={[{ value: '', label: t('structure.body.mandate.approvedByNone') }, ...props.bodies.map((b) => ({ value: b.id, label: b.name }))]}
        errors={errors}
      />
      <Field t={t} name={`${p}approvedByName`} label={t('structure.body.mandate.approvedByName')} value={v[`${p}approvedByName`]} errors={errors} maxlength={200} />
    </>
  );
}

const mandateFrom = (f: FormData, p = '') => ({
  purpose: formOne(f, `${p}purpose`),
  tasks: formOne(f, `${p}tasks`),
  responsibilities: formOne(f, `${p}responsibilities`),
  waysOfWorking: formOne(f, `${p}waysOfWorking`),
  validFrom: formOne(f, `${p}validFrom`),
  approvedOn: formOne(f, `${p}approvedOn`),
  approvedByBodyId: formOne(f, `${p}approvedByBodyId`),
  approvedByName: formOne(f, `${p}approvedByName`),
});

async function mandatePage(c: Context<AppEnv>, access: BodyAccess, form: FormData = {}, errors: FieldError[] = [], status = 200) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const { body } = access;
  const history = await mandateHistory(db, body.id);
  const others = await db.select({ id: bodies.id, name: bodies.name }).from(bodies).where(eq(bodies.structureId, body.structureId)).orderBy(asc(bodies.sortKey)).limit(1000);
  const latest = history[0]?.mandate;
  const v = errors.length
    ? formValues(form)
    : latest
      ? { purpose: latest.purpose, tasks: latest.tasks, responsibilities: latest.responsibilities, waysOfWorking: latest.waysOfWorking, approvedByBodyId: body.parentId ?? '' }
      : { approvedByBodyId: body.parentId ?? '' };
  const title = t('structure.body.mandate.pageTitle', { name: body.name });
  return renderPage(
    c,
    { title, status, breadcrumbs: await bodyCrumbs(c, body, t('structure.body.mandate')) },
    <>
      <h1>{title}</h1>
      {history.length === 0 ? <p>{t('structure.body.mandate.none')}</p> : null}
      {history.map((h, i) => (
        <section aria-labelledby={`mandate-${h.mandate.number}`}>
          <h2 id={`mandate-${h.mandate.number}`}>{i === 0 ? t('structure.body.mandate') : `${t('structure.body.mandate.history')}: ${h.mandate.number}`}</h2>
          <MandateView t={t} m={h.mandate} approver={h.approverName ?? h.mandate.approvedByName} />
        </section>
      ))}
      {access.can.manage ? (
        <section aria-labelledby="new-mandate">
          <h2 id="new-mandate">{t('structure.body.mandate.new')}</h2>
          <ErrorSummary t={t} errors={errors} />
          <form method="post" action={`/bodies/${body.id}/mandate`} novalidate>
            <CsrfInput token={csrfToken(c)} />
            <MandateFields t={t} v={v} errors={errors} bodies={others} />
            <button type="submit" class="button">
              {t('structure.common.save')}
            </button>
          </form>
        </section>
      ) : null}
    </>,
  );
}

export function bodyPages(app: Hono<AppEnv>) {
  app.get('/bodies/:id', async (c) => bodyPage(c, await bodyAccess(c, c.req.param('id'))));

  app.get('/bodies/:id/mandate', async (c) => {
    const access = await bodyAccess(c, c.req.param('id'));
    if (!access.can.view) throw new ForbiddenError();
    return mandatePage(c, access);
  });
  app.post('/bodies/:id/mandate', async (c) => {
    const access = await bodyAccess(c, c.req.param('id'));
    if (!access.can.manage) throw new ForbiddenError();
    const form = await readFormAll(c);
    const result = await tryCommand(c, addMandateVersion, { bodyId: access.body.id, ...mandateFrom(form) });
    if (!result.ok) return mandatePage(c, access, form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.body.mandate.saved', { number: result.value.number }) });
    return c.redirect(`/bodies/${access.body.id}/mandate`, 303);
  });

  app.get('/structures/:slug/bodies/new', (c) => newBodyPage(c, undefined));
  app.post('/structures/:slug/bodies/new', async (c) => {
    const form = await readFormAll(c);
    const structure = await structureBySlug(c.get('deps').database.db, c.req.param('slug'));
    if (!structure) throw new NotFoundError();
    const mandate = mandateFrom(form, 'mandate.');
    const result = await tryCommand(c, createBody, {
      structureId: structure.id,
      parentId: formOne(form, 'parentId'),
      slug: formOne(form, 'slug'),
      ...bodyInputFromForm(form),
      mandate: mandate.purpose.trim() ? mandate : undefined,
    });
    if (!result.ok) return newBodyPage(c, form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.body.new.created', { name: result.value.name }) });
    return c.redirect(`/bodies/${result.value.id}`, 303);
  });
}
