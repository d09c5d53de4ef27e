import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import type { NavHook } from '../../../platform/http/render.js';
import type { AdminLink, HistoryAccess } from '../../../platform/auth/admin-pages.js';
import { pageSection } from '../../../platform/views/home.js';
import { structurePages as overviewPages } from './structures.js';
import { structureSettingsPages } from './structure-settings.js';
import { principalPages } from './principals.js';
import { bodyPages } from './body.js';
import { bodyAdminPages } from './body-admin.js';
import { importPages } from './import.js';
import { peoplePages } from './people.js';
import { bodiesOfPerson } from '../queries/index.js';
import { mayReadBodyHistory } from '../audit.js';
import { roleLabel } from '../views/common.js';

/** "Mina grupper" on the home page of a signed-in person, after the sections of the daily work. */
export const myBodiesSection = pageSection(80, async (c: Context<AppEnv>) => {
  const actor = c.get('actor');
  if (actor.kind !== 'person') return null;
  const t = c.get('t');
  const rows = await bodiesOfPerson(c.get('deps').database.db, actor.personId);
  return (
    <section aria-labelledby="home-my-bodies">
      <h2 id="home-my-bodies">{t('structure.mybodies.home')}</h2>
      {rows.length ? (
        <ul>
          {rows.slice(0, 8).map((r) => (
            <li>
              <a href={`/bodies/${r.bodyId}`}>{r.bodyName}</a>{' '}
              <span class="muted">
                ({roleLabel(t, r.role)}, {r.structureName})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('structure.mybodies.empty')}</p>
      )}
      <p>
        <a href="/my/bodies">{t('structure.mybodies.homeMore')}</a>
      </p>
    </section>
  );
});

/**
 * For a visitor without an account: where the public material is, and that signing in
 * shows the person's own page. (The principals are listed at /principals, not here.)
 */
export const visitorHomeSection = pageSection(80, async (c: Context<AppEnv>) => {
  if (c.get('actor').kind === 'person') return null;
  const t = c.get('t');
  return (
    <section aria-labelledby="home-visitor">
      <h2 id="home-visitor">{t('structure.home.visitor.title')}</h2>
      <p>
        {t('structure.home.visitor.public')} <a href="/structures">{t('structure.nav.structures')}</a>.
      </p>
      <p>
        {t('structure.home.visitor.login')} <a href="/login">{t('structure.home.visitor.loginLink')}</a>
      </p>
    </section>
  );
});

/** My bodies and the directory in the main navigation, for signed-in people. */
export const structureNav: NavHook = (c) => {
  const t = c.get('t');
  const open = [
    { href: '/structures', label: t('structure.nav.structures') },
    { href: '/principals', label: t('structure.nav.principals') },
  ];
  return c.get('actor')?.kind === 'person' ? [...open, { href: '/my/bodies', label: t('structure.nav.myBodies') }, { href: '/people', label: t('structure.nav.people') }] : open;
};
export const structureAdminLink: AdminLink = { href: '/structures', label: 'structure.admin.structure' };
/** Who may read a body's history in the audit trail: those who may manage it. */
export const bodyHistoryAccess: HistoryAccess = { objectType: 'body', allowed: mayReadBodyHistory };

/** Every HTML page of the structure module. */
export function structurePages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  principalPages(app);
  overviewPages(app);
  structureSettingsPages(app);
  bodyPages(app);
  bodyAdminPages(app);
  importPages(app);
  peoplePages(app);
  return app;
}
