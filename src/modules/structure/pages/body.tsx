import type { Child } from 'hono/jsx';
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
import { today } from '../../../platform/days.js';
import { compositionOf, type Composition, type Holder } from '../composition.js';
import { compositionForReader } from '../email-visibility.js';
import { addMandateVersion, createBody } from '../commands/index.js';
import { mandateHistory, structureBySlug, subBodies, trailOf } from '../queries.js';
import { rolesOf } from '../policy.js';
import { bodies, type Body, type MandateVersion } from '../schema.js';
import { bodyAccess, type BodyAccess } from '../body-access.js';
import { BodySettingsFields, bodyInputFromForm } from '../views/body-form.js';
import { Facts, fieldErrors, kindLabel, kindOfLabel, levelLabel, periodText, roleLabel, WarningList } from '../views/common.js';

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

function frequencyText(t: Translate, b: Body): string {
  if (b.meetingsMin === null && b.meetingsMax === null) return t('structure.body.frequency.none');
  const range = b.meetingsMin !== null && b.meetingsMax !== null && b.meetingsMin !== b.meetingsMax ? `${b.meetingsMin}–${b.meetingsMax}` : String(b.meetingsMin ?? b.meetingsMax);
  const parts = [t('structure.body.frequency.text', { range, per: t(`structure.body.meetingsPer.${b.meetingsPer}`) })];
  if (b.physicalMeetingsMinPerYear) parts.push(t('structure.body.frequency.physical', { n: b.physicalMeetingsMinPerYear }));
  if (b.jointMeetingsWithSubBodiesPerYear) parts.push(t('structure.body.frequency.joint', { n: b.jointMeetingsWithSubBodiesPerYear }));
  return parts.join(', ');
}

function sizeText(t: Translate, b: Body): string {
  if (b.sizeMin !== null && b.sizeMax !== null) return t('structure.body.size.range', { min: b.sizeMin, max: b.sizeMax });
  if (b.sizeMin !== null) return t('structure.body.size.min', { min: b.sizeMin });
  if (b.sizeMax !== null) return t('structure.body.size.max', { max: b.sizeMax });
  return '–';
}

function Paragraphs(props: { text: string }) {
  return (
    <>
      {props.text
        .split(/\n{2,}|\n(?=[-•] )/)
        .filter((p) => p.trim())
        .map((p) => (
          <p>{p}</p>
        ))}
    </>
  );
}

function MandateView(props: { t: Translate; m: MandateVersion; approver: string; headingLevel?: 2 | 3 }) {
  const { t, m } = props;
  const H = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <p class="muted">{t('structure.body.mandate.version', { number: m.number, validFrom: m.validFrom, approvedOn: m.approvedOn, by: props.approver })}</p>
      <H>{t('structure.body.mandate.purpose')}</H>
      <Paragraphs text={m.purpose} />
      {m.tasks ? (
        <>
          <H>{t('structure.body.mandate.tasks')}</H>
          <Paragraphs text={m.tasks} />
        </>
      ) : null}
      {m.responsibilities ? (
        <>
          <H>{t('structure.body.mandate.responsibilities')}</H>
          <Paragraphs text={m.responsibilities} />
        </>
      ) : null}
      {m.waysOfWorking ? (
        <>
          <H>{t('structure.body.mandate.waysOfWorking')}</H>
          <Paragraphs text={m.waysOfWorking} />
        </>
      ) : null}
    </>
  );
}

function HolderText(props: { t: Translate; h: Holder; internal: boolean }) {
  const { t, h } = props;
  return (
    <>
      {props.internal ? <a href={`/people/${h.personId}`}>{h.name}</a> : h.name}
      {h.title ? <span class="muted">, {h.title}</span> : null}
      {h.organisationName ? <span class="muted"> ({h.organisationName})</span> : null}
      {[...(h.role !== 'member' ? [h.role] : []), ...h.alsoRoles].map((r) => (
        <>
          {' '}
          <span class="tag">{roleLabel(t, r)}</span>
        </>
      ))}
      {h.exOfficio ? <span class="muted"> ({t('structure.member.exOfficio')})</span> : null}
      {props.internal && h.email ? (
        <>
          <br />
          <a href={`mailto:${h.email}`}>{h.email}</a>
        </>
      ) : null}
    </>
  );
}

function CompositionView(props: { t: Translate; comp: Composition; internal: boolean; historyHref?: string | undefined }) {
  const { t, comp } = props;
  return (
    <>
      {comp.groups.length === 0 ? <p>{t('structure.body.composition.noSeats')}</p> : null}
      {comp.groups.map((g, gi) => (
        <div class="table-wrap">
          <table>
            <caption>
              {g.principalName ?? (g.seats.some((s) => s.representation === 'principal_group') ? t('structure.body.composition.groupSeats') : t('structure.body.composition.functionSeats'))}
            </caption>
            <thead>
              <tr>
                <th scope="col" id={`seat-${gi}`}>
                  {t('structure.body.composition.seat')}
                </th>
                <th scope="col">{t('structure.body.composition.holder')}</th>
                <th scope="col">{t('structure.body.composition.contactSurface')}</th>
              </tr>
            </thead>
            <tbody>
              {g.seats.map((s) => (
                <tr>
                  <th scope="row">
                    {s.function}
                    {s.representation === 'principal_group' ? (
                      <div class="muted">
                        {s.groupLabel ? t('structure.body.composition.principalGroup', { label: s.groupLabel, names: s.groupPrincipalNames.join(', ') }) : s.groupPrincipalNames.join(', ')}
                      </div>
                    ) : s.representation === 'organisation' && s.representsName ? (
                      <div class="muted">{s.representsName}</div>
                    ) : null}
                    {s.exOfficio ? <div class="muted">{t('structure.body.composition.exOfficio', { role: roleLabel(t, s.exOfficio.role).toLowerCase(), body: s.exOfficio.bodyName })}</div> : null}
                  </th>
                  <td>
                    {s.vacant ? <strong>{t('structure.body.composition.vacant')}</strong> : null}
                    {s.holders.map((h, i) => (
                      <>
                        {i > 0 ? <br /> : null}
                        <HolderText t={t} h={h} internal={props.internal} />
                      </>
                    ))}
                    {s.substitutes.map((h) => (
                      <div class="muted">
                        <HolderText t={t} h={h} internal={props.internal} /> – {t('structure.body.composition.substituteFor', { name: h.substituteFor ?? '' })}
                      </div>
                    ))}
                  </td>
                  <td>
                    {s.contactSurface ? s.contactSurface.name : '–'}
                    {props.internal && s.contactSurface?.distributionList.length ? <div class="muted">{s.contactSurface.distributionList.join(', ')}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <h3>{t('structure.body.composition.withoutSeat')}</h3>
      {comp.withoutSeat.length === 0 ? (
        <p>{t('structure.body.composition.noOthers')}</p>
      ) : (
        <ul>
          {comp.withoutSeat.map((h) => (
            <li>
              <HolderText t={t} h={h} internal={props.internal} />
              {h.role === 'adjunct' || h.role === 'expert' ? <span class="muted"> – {periodText(t, h.startOn, h.endOn)}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {comp.withoutSeatMore > 0 ? (
        <p>
          {t('structure.body.composition.more', { count: comp.withoutSeatMore })} {props.historyHref ? <a href={props.historyHref}>{t('structure.body.composition.moreLink')}</a> : null}
        </p>
      ) : null}
    </>
  );
}

function ChairView(props: { t: Translate; comp: Composition; body: Body }) {
  const { t, comp, body } = props;
  const { current, next } = comp.chair;
  const kinds = (info: typeof current) =>
    info.chairKind ? (
      <>
        {t('structure.body.chair.kindHolds', { kind: kindOfLabel(t, info.chairKind) })}{' '}
        {body.viceChairOtherKind ? t('structure.body.chair.viceFrom', { kind: kindOfLabel(t, info.chairKind === 'region' ? 'municipality' : 'region') }) : null}
      </>
    ) : (
      t('structure.body.chair.anyKind')
    );
  return (
    <section aria-labelledby="chair">
      <h2 id="chair">{t('structure.body.chair')}</h2>
      <p>{t('structure.body.chair.holders', { chair: comp.chair.chairName ?? t('structure.body.chair.nobody'), vice: comp.chair.viceName ?? t('structure.body.chair.nobody') })}</p>
      {current.followsBody ? <p>{t('structure.body.chair.follows', { name: current.followsBody.name })}</p> : null}
      {current.period ? (
        <Facts
          items={
            [
              [
                t('structure.body.chair.current'),
                <>
                  {t('structure.body.chair.periodText', { start: current.period.start, end: current.period.end })}. {kinds(current)}
                </>,
              ],
              ...(next?.period
                ? ([
                    [
                      t('structure.body.chair.next'),
                      <>
                        {t('structure.body.chair.periodText', { start: next.period.start, end: next.period.end })}. {kinds(next)}
                      </>,
                    ],
                  ] satisfies [string, Child][])
                : []),
            ] satisfies [string, Child][]
          }
        />
      ) : body.chairKindRule === 'any' ? (
        <p>{t('structure.body.chair.noRule')}</p>
      ) : (
        <p>{kinds(current)}</p>
      )}
    </section>
  );
}

async function bodyPage(c: Context<AppEnv>, access: BodyAccess) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const { body, can: allowed, roles } = access;
  const on = today();
  const [{ structure, ancestors }, mandates, subs, all] = await Promise.all([trailOf(db, body), mandateHistory(db, body.id), subBodies(db, body.id), compositionOf(db, body, on)]);
  const comp = allowed.read ? await compositionForReader(db, c.get('actor'), all) : all;
  const parent = ancestors.at(-1);
  const current = mandates.find((m) => m.mandate.validFrom <= on) ?? mandates[0];
  const ended = body.activeTo !== null && body.activeTo < on;
  return renderPage(
    c,
    { title: body.name, breadcrumbs: await bodyCrumbs(c, body, undefined, { structure, ancestors }) },
    <>
      <h1>{body.name}</h1>
      <p>
        <span class="tag">{levelLabel(t, body.level)}</span> <span class="tag">{kindLabel(t, body.kind)}</span>{' '}
        <span class="tag">{body.isPublic ? t('structure.body.public') : t('structure.body.internal')}</span>
      </p>
      {ended ? <p class="warning">{t('structure.body.ended', { date: body.activeTo! })}</p> : body.activeTo ? <p class="warning">{t('structure.body.endsSoon', { date: body.activeTo })}</p> : null}
      {roles.own.length ? <p>{t('structure.body.yourRoles', { roles: roles.own.map((r) => roleLabel(t, r)).join(', ') })}</p> : null}
      {allowed.manage ? (
        <p class="actions">
          <a class="button" href={`/bodies/${body.id}/admin`}>
            {t('structure.body.manage')}
          </a>
        </p>
      ) : null}
      {allowed.read ? <WarningList t={t} warnings={comp.warnings} /> : null}
      <section aria-labelledby="facts">
        <h2 id="facts">{t('structure.body.facts')}</h2>
        <Facts
          items={[
            [t('structure.body.structure'), <a href={`/structures/${structure!.slug}`}>{structure!.name}</a>],
            [t('structure.body.parent'), parent ? <a href={`/bodies/${parent.id}`}>{parent.name}</a> : t('structure.body.parent.none')],
            [t('structure.body.period'), periodText(t, body.activeFrom, body.activeTo)],
            [t('structure.body.size'), sizeText(t, body)],
            [t('structure.body.frequency'), frequencyText(t, body)],
            [t('structure.body.minutesKind'), t(`structure.body.minutesKind.${body.minutesKind}`)],
            [t('structure.body.substitutesAllowed'), body.substitutesAllowed ? t('structure.body.substitutes.yes') : t('structure.body.substitutes.no')],
          ]}
        />
      </section>
      <ChairView t={t} comp={comp} body={body} />
      <section aria-labelledby="mandate">
        <h2 id="mandate">{t('structure.body.mandate')}</h2>
        {current ? <MandateView t={t} m={current.mandate} approver={current.approverName ?? current.mandate.approvedByName} /> : <p>{t('structure.body.mandate.none')}</p>}
        {allowed.manage || mandates.length > 1 ? (
          <p>
            <a href={`/bodies/${body.id}/mandate`}>{t('structure.body.mandate.manage')}</a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="composition">
        <h2 id="composition">{t('structure.body.composition')}</h2>
        {allowed.view ? (
          <CompositionView t={t} comp={comp} internal={allowed.read} historyHref={allowed.read ? `/bodies/${body.id}/history` : undefined} />
        ) : (
          <p>{t('structure.body.composition.hidden')}</p>
        )}
      </section>
      <section aria-labelledby="subbodies">
        <h2 id="subbodies">{t('structure.body.subBodies')}</h2>
        {subs.length ? (
          <ul>
            {subs.map((s) => (
              <li>
                <a href={`/bodies/${s.id}`}>{s.name}</a>{' '}
                <span class="muted">
                  ({levelLabel(t, s.level)}, {kindLabel(t, s.kind)})
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('structure.body.subBodies.none')}</p>
        )}
        {allowed.createSub ? (
          <p>
            <a href={`/structures/${structure!.slug}/bodies/new?parent=${body.id}`}>{t('structure.overview.addBody')}</a>
          </p>
        ) : null}
      </section>
    </>,
  );
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
        <CsrfInput token={c.get('csrfToken')} />
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
            <CsrfInput token={c.get('csrfToken')} />
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
