import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { markdownToHtml } from '../../../platform/views/markdown.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { Composition, Holder } from '../queries/composition.js';
import type { BodyAccess } from '../policy.js';
import type { mandateHistory, subBodies } from '../queries/index.js';
import type { Commissioner, servedBodies } from '../commissioners.js';
import { Field } from '../../../platform/views/fields.js';
import type { Body, MandateVersion } from '../schema.js';
import { Facts, kindLabel, levelLabel, periodText, roleLabel, WarningList } from './common.js';

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

/** A part of the mandate in the safe Markdown subset of minute notes: paragraphs, bullet and numbered lists, emphasis, links. */
function Paragraphs(props: { text: string }) {
  return <div class="markdown">{raw(markdownToHtml(props.text))}</div>;
}

export function MandateView(props: { t: Translate; m: MandateVersion; approver: string; headingLevel?: 2 | 3 }) {
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
    info.chairPrincipal ? (
      <>
        {t('structure.body.chair.principalHolds', { principal: info.chairPrincipal.name })} {t('structure.body.chair.rotation', { order: info.rotation.map((p) => p.name).join(' → ') })}
      </>
    ) : info.chairKind ? (
      <>
        {t('structure.body.chair.kindHolds', { kind: info.chairKindName ?? info.chairKind })}{' '}
        {body.viceChairOtherKind ? t('structure.body.chair.viceFrom', { kind: info.chairKindName ?? info.chairKind }) : null}
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

/** What a body's page shows (pages/body.tsx loads it). */
export interface BodyPageData {
  access: BodyAccess;
  structure: { slug: string; name: string };
  parent: { id: string; name: string } | undefined;
  mandates: Awaited<ReturnType<typeof mandateHistory>>;
  current: Awaited<ReturnType<typeof mandateHistory>>[number] | undefined;
  subs: Awaited<ReturnType<typeof subBodies>>;
  /** The composition as the reader may see it. */
  comp: Composition;
  ended: boolean;
  /** Today (the composition may be shown on another day: comp.on). */
  today: string;
  /** Who commissions the body: its parent first, then the others. */
  commissioners: Commissioner[];
  /** Bodies this body commissions that sit under another body. */
  served: Awaited<ReturnType<typeof servedBodies>>;
}

function CommissionersText(props: { t: Translate; list: Commissioner[] }) {
  const { t, list } = props;
  if (list.length === 0) return <>{t('structure.body.commissioners.none')}</>;
  return (
    <>
      {list.map((c, i) => (
        <>
          {i > 0 ? ', ' : null}
          {c.kind === 'body' && c.bodyId ? <a href={`/bodies/${c.bodyId}`}>{c.name}</a> : c.name}
          {c.kind === 'name' ? <span class="muted"> ({t('structure.commissioners.kind.name').toLowerCase()})</span> : null}
        </>
      ))}
    </>
  );
}

/** Which day the composition shows, and a form (GET, no script) to show it on another day. */
function CompositionDay(props: { t: Translate; bodyId: string; on: string; today: string }) {
  const { t, on } = props;
  const isToday = on === props.today;
  return (
    <>
      <p>{isToday ? t('structure.body.composition.shownToday', { date: on }) : <strong>{t('structure.body.composition.shownOn', { date: on })}</strong>}</p>
      <form method="get" action={`/bodies/${props.bodyId}`} class="filter-form">
        <Field t={t} name="on" type="date" label={t('structure.body.composition.day')} hint={t('structure.body.composition.dayHint')} value={on} />
        <button type="submit" class="button button-secondary">
          {t('structure.body.composition.show')}
        </button>
        {isToday ? null : (
          <>
            {' '}
            <a href={`/bodies/${props.bodyId}#composition`}>{t('structure.body.composition.showToday')}</a>
          </>
        )}
      </form>
    </>
  );
}

/** A body's page: its facts, chair, mandate, composition and sub-bodies. */
export function BodyView({ t, d }: { t: Translate; d: BodyPageData }) {
  const { access, structure, mandates, current, subs, comp, ended } = d;
  const { body, can: allowed, roles } = access;
  return (
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
            [t('structure.body.structure'), <a href={`/structures/${structure.slug}`}>{structure.name}</a>],
            [t('structure.body.commissioners'), <CommissionersText t={t} list={d.commissioners} />],
            [t('structure.body.period'), periodText(t, body.activeFrom, body.activeTo)],
            [t('structure.body.size'), sizeText(t, body)],
            [t('structure.body.frequency'), frequencyText(t, body)],
            [t('structure.body.minutesKind'), t(`structure.body.minutesKind.${body.minutesKind}`)],
            [t('structure.body.substitutesAllowed'), body.substitutesAllowed ? t('structure.body.substitutes.yes') : t('structure.body.substitutes.no')],
            ...(body.paragraphNumbering ? ([[t('structure.body.paragraphs'), t('structure.body.paragraphNumbering.fact')]] satisfies [string, Child][]) : []),
            ...(body.managesSubBodies ? ([[t('structure.body.subBodiesRule'), t('structure.body.managesSubBodies.fact')]] satisfies [string, Child][]) : []),
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
        <h2 id="composition">{comp.on === d.today ? t('structure.body.composition') : t('structure.body.composition.onDay', { date: comp.on })}</h2>
        {allowed.view ? <CompositionDay t={t} bodyId={body.id} on={comp.on} today={d.today} /> : null}
        {allowed.view ? (
          <CompositionView t={t} comp={comp} internal={allowed.read} historyHref={allowed.read ? `/bodies/${body.id}/engagements` : undefined} />
        ) : (
          <p>{t('structure.body.composition.hidden')}</p>
        )}
      </section>
      <section aria-labelledby="subbodies">
        <h2 id="subbodies">{t('structure.body.subBodies')}</h2>
        {subs.length || d.served.length ? (
          <ul>
            {subs.map((s) => (
              <li>
                <a href={`/bodies/${s.id}`}>{s.name}</a>{' '}
                <span class="muted">
                  ({levelLabel(t, s.level)}, {kindLabel(t, s.kind)})
                </span>
              </li>
            ))}
            {d.served.map((s) => (
              <li>
                <a href={`/bodies/${s.id}`}>{s.name}</a>{' '}
                <span class="muted">
                  ({levelLabel(t, s.level)}, {kindLabel(t, s.kind)}
                  {s.parentName ? `; ${t('structure.body.subBodies.alsoServes', { parent: s.parentName })}` : ''}
                  {s.structureName ? `; ${s.structureName}` : ''})
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('structure.body.subBodies.none')}</p>
        )}
        {allowed.createSub ? (
          <p>
            <a href={`/structures/${structure.slug}/bodies/new?parent=${body.id}`}>{t('structure.overview.addBody')}</a>
          </p>
        ) : null}
      </section>
    </>
  );
}
