import { z } from 'zod';
import { defineHomeSection } from '../../../platform/views/home.js';
import { formatDateTime, stockholmParts } from '../../../platform/time.js';
import type { BodyWarningSource } from '../../structure/index.js';
import { evaluateFrequency } from '../frequency.js';
import { maySubmit } from '../policy.js';
import { frequencyFactsOfBodies, nextMeetingsOfPerson } from '../queries/home.js';

/** How many of the next meetings the home page lists, and how far ahead it looks. */
const NEXT_MEETINGS = 8;
const LOOK_AHEAD_DAYS = 365;

const deadlineStates = ['none', 'notOpen', 'open', 'passed'] as const;
type DeadlineState = (typeof deadlineStates)[number];

const nextMeetingsSchema = z.object({
  meetings: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      bodyId: z.uuid(),
      bodyName: z.string(),
      role: z.string().describe("The person's role in the body the meeting is theirs through"),
      link: z.string(),
      callSent: z.boolean().describe('The agenda is published and the call (kallelse) sent'),
      callSentAt: z.string().nullable(),
      callDue: z.string().nullable().describe('When the agenda is to be published'),
      submissionDeadline: z.string().nullable(),
      deadlineState: z.enum(deadlineStates).describe('none: no submissions (recorded afterwards); notOpen: the call has not opened; open: items may be sent in; passed'),
      submitLink: z.string().nullable().describe('Where the person sends in items, while the deadline is open and they may'),
    }),
  ),
});
type NextMeetingsData = z.infer<typeof nextMeetingsSchema>;

function deadlineState(m: { callOpensOn: Date | null; submissionDeadline: Date | null }, now: Date): DeadlineState {
  if (!m.submissionDeadline) return 'none';
  if (m.submissionDeadline.getTime() <= now.getTime()) return 'passed';
  if (m.callOpensOn && m.callOpensOn.getTime() > now.getTime()) return 'notOpen';
  return 'open';
}

/** "Mina nästa möten" on the home page (and `nextMeetings` in GET /api/me/overview): the person's next meetings across all their bodies. */
export const nextMeetingsSection = defineHomeSection<NextMeetingsData>({
  order: 10,
  key: 'nextMeetings',
  schema: nextMeetingsSchema,
  async load(c) {
    const actor = c.get('actor');
    if (actor.kind !== 'person') return null;
    const now = new Date();
    const rows = await nextMeetingsOfPerson(c.get('deps').database.db, actor.personId, now, new Date(now.getTime() + LOOK_AHEAD_DAYS * 24 * 3600_000), NEXT_MEETINGS);
    return {
      meetings: rows.map((m) => {
        const state = deadlineState(m, now);
        return {
          id: m.id,
          title: m.title,
          startsAt: m.startsAt.toISOString(),
          endsAt: m.endsAt.toISOString(),
          bodyId: m.bodyId,
          bodyName: m.bodyName,
          role: m.role,
          link: `/meetings/${m.id}`,
          callSent: m.agendaPublishedAt !== null,
          callSentAt: m.agendaPublishedAt?.toISOString() ?? null,
          callDue: m.agendaPublishOn?.toISOString() ?? null,
          submissionDeadline: m.submissionDeadline?.toISOString() ?? null,
          deadlineState: state,
          submitLink: state === 'open' && maySubmit([m.role], m.substitutesAllowed) ? `/meetings/${m.id}/submit` : null,
        };
      }),
    };
  },
  render(c, data) {
    const t = c.get('t');
    const when = (iso: string) => <time datetime={iso}>{formatDateTime(new Date(iso))}</time>;
    return (
      <section aria-labelledby="home-next-meetings">
        <h2 id="home-next-meetings">{t('meetings.home.next.title')}</h2>
        {data.meetings.length === 0 ? (
          <p>{t('meetings.home.next.empty')}</p>
        ) : (
          <ul class="next-meetings">
            {data.meetings.map((m) => (
              <li>
                <a href={m.link}>
                  {m.title}, {formatDateTime(new Date(m.startsAt))}
                </a>{' '}
                <span class="muted">({m.bodyName})</span>
                <br />
                {m.callSent ? (
                  <span>{t('meetings.home.next.callSent')}</span>
                ) : m.callDue ? (
                  <span>
                    {t('meetings.home.next.callNotSent')} {t('meetings.home.next.callDue')} {when(m.callDue)}.
                  </span>
                ) : (
                  <span>{t('meetings.home.next.callNotSent')}</span>
                )}{' '}
                {m.deadlineState === 'open' && m.submissionDeadline ? (
                  <span>
                    {t('meetings.home.next.deadlineOpen')} {when(m.submissionDeadline)}.
                    {m.submitLink ? (
                      <>
                        {' '}
                        <a href={m.submitLink}>
                          {t('meetings.home.next.submit')}
                          <span class="visually-hidden"> – {m.title}</span>
                        </a>
                      </>
                    ) : null}
                  </span>
                ) : m.deadlineState === 'notOpen' && m.submissionDeadline ? (
                  <span>
                    {t('meetings.home.next.deadlineNotOpen')} {when(m.submissionDeadline)}.
                  </span>
                ) : m.deadlineState === 'passed' ? (
                  <span>{t('meetings.home.next.deadlinePassed')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  },
});

/** The meeting-frequency rule of the bodies a person leads: the checks that are at risk, missed or exceeded this termin and year. */
export const frequencyWarnings: BodyWarningSource = async ({ db, bodies, now, t }) => {
  const ruled = bodies.filter((b) => b.meetingsMin !== null || b.meetingsMax !== null || b.physicalMeetingsMinPerYear !== null || b.jointMeetingsWithSubBodiesPerYear !== null);
  if (!ruled.length) return [];
  const facts = await frequencyFactsOfBodies(
    db,
    ruled.map((b) => b.id),
    stockholmParts(now).year,
  );
  return ruled.flatMap((b) =>
    evaluateFrequency(
      b,
      facts.filter((f) => f.bodyId === b.id),
      now,
    ).warnings.map((w) => ({
      bodyId: b.id,
      kind: 'meetings.frequency',
      text: t(`meetings.frequency.warning.${w.state}`, { period: w.period, what: t(`meetings.frequency.what.${w.key}`), min: w.min ?? 0, max: w.max ?? 0, count: w.held + w.planned }),
      link: `/bodies/${b.id}/meetings`,
    })),
  );
};
