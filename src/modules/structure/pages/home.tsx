import { z } from 'zod';
import { defineHomeSection } from '../../../platform/views/home.js';
import { today } from '../../../platform/days.js';
import type { BodyRole } from '../../../platform/auth/roles.js';
import { bodiesLedBy, bodyWarnings } from '../body-warnings.js';
import { roleLabel } from '../views/common.js';

const ledBodiesSchema = z.object({
  bodies: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      structureName: z.string(),
      roles: z.array(z.string()).describe('The managing roles the person has in the body'),
      link: z.string(),
      followUpLink: z.string().describe("The body's follow-up page: open actions, approvals, submissions, meetings without minutes"),
      warnings: z.array(z.object({ kind: z.string(), text: z.string(), link: z.string() })),
    }),
  ),
});
type LedBodiesData = z.infer<typeof ledBodiesSchema>;

/**
 * "Grupper du leder" on the home page (and `ledBodies` in GET /api/me/overview): the bodies
 * where the person is chair, vice chair, secretary or process leader, each with what needs
 * attention (vacant seats here; the meeting frequency, late minutes and overdue approvals
 * from the modules that know them). Null for anyone who leads no body.
 */
export const ledBodiesSection = defineHomeSection<LedBodiesData>({
  order: 40,
  key: 'ledBodies',
  schema: ledBodiesSchema,
  async load(c) {
    const actor = c.get('actor');
    if (actor.kind !== 'person') return null;
    const { database, logger } = c.get('deps');
    const now = new Date();
    const day = today(now);
    const led = await bodiesLedBy(database.db, actor.personId, day);
    if (!led.length) return null;
    const warnings = await bodyWarnings({ db: database.db, bodies: led.map((l) => l.body), now, day, t: c.get('t'), lang: c.get('lang') }, logger);
    return {
      bodies: led.map((l) => ({
        id: l.body.id,
        name: l.body.name,
        structureName: l.structureName,
        roles: l.roles,
        link: `/bodies/${l.body.id}`,
        followUpLink: `/bodies/${l.body.id}/follow-up`,
        warnings: warnings.filter((w) => w.bodyId === l.body.id).map((w) => ({ kind: w.kind, text: w.text, link: w.link })),
      })),
    };
  },
  render(c, data) {
    const t = c.get('t');
    return (
      <section aria-labelledby="home-led-bodies" class="led-bodies">
        <h2 id="home-led-bodies">{t('structure.home.led.title')}</h2>
        <ul class="led-body-list">
          {data.bodies.map((b) => (
            <li>
              <h3>
                <a href={b.link}>{b.name}</a>
              </h3>
              <p class="muted">
                {b.roles.map((r) => roleLabel(t, r as BodyRole)).join(', ')} – {b.structureName}
              </p>
              {b.warnings.length ? (
                <ul class="warnings" aria-label={t('structure.home.led.warnings', { body: b.name })}>
                  {b.warnings.map((w) => (
                    <li>
                      <a href={w.link}>{w.text}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('structure.home.led.noWarnings')}</p>
              )}
              <p>
                <a href={b.followUpLink}>
                  {t('structure.home.led.followUp')}
                  <span class="visually-hidden"> – {b.name}</span>
                </a>
              </p>
            </li>
          ))}
        </ul>
      </section>
    );
  },
});
