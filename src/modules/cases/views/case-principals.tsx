import { formatDate, formatDateTime } from '../../../platform/time.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { anchoringPositions } from '../schema.js';
import { Prose, Section } from './common.js';
import { Field, SelectField } from '../../../platform/views/fields.js';
import { fieldId, type CasePageData } from './case-page.js';

/** Förankring: each principal's feedback, who has not answered, and the forms of those who answer. */
export function AnchoringSection(p: CasePageData) {
  const { t, d } = p;
  const k = d.kase;
  if (!d.anchoring.length) {
    return k.state === 'in_progress' ? (
      <Section id="anchoring" title={t('cases.anchoring')}>
        <p>{t('cases.anchoring.none')}</p>
      </Section>
    ) : null;
  }
  const missing = d.anchoring.filter((a) => !a.a.answeredAt).map((a) => a.principalName);
  const open = k.state === 'anchoring';
  const answerable = open ? d.anchoring.filter((a) => p.abilities['cases.manage'] || p.covered.includes(a.a.principalId)) : [];
  return (
    <Section id="anchoring" title={t('cases.anchoring')}>
      <p>{t('cases.anchoring.intro')}</p>
      <p class={missing.length ? 'warning' : undefined}>{missing.length ? t('cases.anchoring.missingList', { names: missing.join(', ') }) : t('cases.anchoring.complete')}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cases.anchoring.principal')}</th>
              <th scope="col">{t('cases.anchoring.seat')}</th>
              <th scope="col">{t('cases.anchoring.surface')}</th>
              <th scope="col">{t('cases.anchoring.position')}</th>
              <th scope="col">{t('cases.anchoring.answer')}</th>
            </tr>
          </thead>
          <tbody>
            {d.anchoring.map(({ a, principalName, seatFunction, surfaceName, answeredByName }) => (
              <tr>
                <th scope="row">{principalName}</th>
                <td>{seatFunction ?? ''}</td>
                <td>{surfaceName ?? ''}</td>
                <td>{a.position ? t(`cases.anchoring.position.${a.position}`) : <strong>{t('cases.anchoring.missing')}</strong>}</td>
                <td>
                  {a.feedback ? <Prose text={a.feedback} /> : null}
                  {a.answeredAt ? <span class="muted">{t('cases.anchoring.by', { name: answeredByName ?? '', date: formatDate(a.answeredAt) })}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {answerable.map(({ a, principalName }) => {
        const form = `anchor-${a.principalId}`;
        const errors = p.form === form ? p.errors : [];
        const values = p.form === form ? p.values : {};
        return (
          <form method="post" action={`/cases/${k.id}/anchoring`} aria-labelledby={`${form}-title`}>
            <h3 id={`${form}-title`}>{t('cases.anchoring.record', { principal: principalName })}</h3>
            <CsrfInput token={p.csrf} />
            <input type="hidden" name="principalId" value={a.principalId} />
            <SelectField
              t={t}
              id={fieldId(form, 'position')}
              name="position"
              label={t('cases.anchoring.position')}
              required
              errors={errors}
              value={values.position ?? a.position ?? 'supports'}
              options={anchoringPositions.map((pos) => ({ value: pos, label: t(`cases.anchoring.position.${pos}`) }))}
            />
            <Field t={t} id={fieldId(form, 'feedback')} name="feedback" label={t('cases.anchoring.feedback')} multiline rows={4} required errors={errors} value={values.feedback ?? a.feedback} />
            <button type="submit" class="button">
              {t('cases.anchoring.submit')}
              <span class="visually-hidden">: {principalName}</span>
            </button>
          </form>
        );
      })}
    </Section>
  );
}

/** Adoption by each principal's committee where the body can only recommend. */
export function AdoptionSection(p: CasePageData) {
  const { t, d } = p;
  const k = d.kase;
  if (!d.adoptions.length) return null;
  const adopted = d.adoptions.filter((a) => a.a.status === 'adopted').length;
  const pending = d.adoptions.filter((a) => a.a.status === 'pending').map((a) => a.principalName);
  const canRecord = p.abilities['cases.adopt'] && k.state !== 'withdrawn' && k.state !== 'returned';
  return (
    <Section id="adoption" title={t('cases.adoption')}>
      <p>{t('cases.adoption.intro')}</p>
      <p>
        <strong>{t('cases.adoption.summary', { adopted, total: d.adoptions.length })}</strong>
        {pending.length ? ` ${t('cases.adoption.notYet', { names: pending.join(', ') })}` : ''}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cases.anchoring.principal')}</th>
              <th scope="col">{t('cases.adoption.status')}</th>
              <th scope="col">{t('cases.adoption.committee')}</th>
              <th scope="col">{t('cases.adoption.decidedOn')}</th>
              <th scope="col">{t('cases.adoption.reference')}</th>
            </tr>
          </thead>
          <tbody>
            {d.adoptions.map(({ a, principalName }) => (
              <tr>
                <th scope="row">{principalName}</th>
                <td>{t(`cases.adoption.status.${a.status}`)}</td>
                <td>{a.committee ?? ''}</td>
                <td>{a.decidedOn ?? ''}</td>
                <td>{a.reference ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canRecord
        ? d.adoptions.map(({ a, principalName }) => {
            const form = `adopt-${a.principalId}`;
            const errors = p.form === form ? p.errors : [];
            const values = p.form === form ? p.values : {};
            return (
              <details open={errors.length > 0}>
                <summary>{t('cases.adoption.record', { principal: principalName })}</summary>
                <form method="post" action={`/cases/${k.id}/adoptions`}>
                  <CsrfInput token={p.csrf} />
                  <input type="hidden" name="principalId" value={a.principalId} />
                  <SelectField
                    t={t}
                    id={fieldId(form, 'status')}
                    name="status"
                    label={t('cases.adoption.status')}
                    errors={errors}
                    value={values.status ?? (a.status === 'pending' ? 'adopted' : a.status)}
                    options={(['adopted', 'declined'] as const).map((s) => ({ value: s, label: t(`cases.adoption.status.${s}`) }))}
                  />
                  <Field t={t} id={fieldId(form, 'committee')} name="committee" label={t('cases.adoption.committee')} required errors={errors} value={values.committee ?? a.committee} />
                  <Field t={t} id={fieldId(form, 'decidedOn')} name="decidedOn" type="date" label={t('cases.adoption.decidedOn')} required errors={errors} value={values.decidedOn ?? a.decidedOn} />
                  <Field t={t} id={fieldId(form, 'reference')} name="reference" label={t('cases.adoption.reference')} errors={errors} value={values.reference ?? a.reference} />
                  <button type="submit" class="button">
                    {t('cases.adoption.submit')}
                    <span class="visually-hidden">: {principalName}</span>
                  </button>
                </form>
              </details>
            );
          })
        : null}
    </Section>
  );
}

/** The implementation notice (one batch to every principal) and every message sent. */
export function NoticesSection(p: CasePageData) {
  const { t, d } = p;
  const k = d.kase;
  const canSend = p.abilities['cases.manage'] && k.state === 'implementation' && !k.noticeSentAt;
  if (!d.notices.length && !canSend) return null;
  const form = 'notice';
  const errors = p.form === form ? p.errors : [];
  const values = p.form === form ? p.values : {};
  const implementation = d.notices.filter((n) => n.notice.kind === 'implementation');
  return (
    <Section id="notice" title={t('cases.notice')}>
      <p>{t('cases.notice.intro')}</p>
      {k.noticeSentAt ? <p>{t('cases.notice.sent', { at: formatDateTime(k.noticeSentAt), count: implementation.length })}</p> : null}
      {canSend ? (
        <form method="post" action={`/cases/${k.id}/notice`}>
          <CsrfInput token={p.csrf} />
          <Field t={t} id={fieldId(form, 'subject')} name="subject" label={t('cases.notice.subject')} errors={errors} value={values.subject ?? `Införande: ${k.title}`} />
          <Field t={t} id={fieldId(form, 'text')} name="text" label={t('cases.notice.text')} multiline rows={6} required errors={errors} value={values.text} />
          <button type="submit" class="button">
            {t('cases.notice.submit')}
          </button>
        </form>
      ) : null}
      {d.notices.length ? (
        <>
          <h3>{t('cases.notices')}</h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('cases.history.at')}</th>
                  <th scope="col">{t('cases.link.kind')}</th>
                  <th scope="col">{t('cases.anchoring.principal')}</th>
                  <th scope="col">{t('cases.notice.recipients')}</th>
                </tr>
              </thead>
              <tbody>
                {d.notices.map(({ notice, principalName }) => (
                  <tr>
                    <td>
                      <time datetime={notice.sentAt.toISOString()}>{formatDateTime(notice.sentAt)}</time>
                    </td>
                    <td>{t(`cases.notices.kind.${notice.kind}`)}</td>
                    <td>{principalName ?? t('cases.notices.raiser')}</td>
                    <td>{notice.recipients.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Section>
  );
}
