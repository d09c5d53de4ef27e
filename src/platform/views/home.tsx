import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { listPrincipals } from '../../modules/structure/queries.js';
import { extensionPoint, installed } from '../registry.js';

/** A section of the home page ("what needs me", my bodies): a manifest's `homeSections`. */
export type HomeSection = (c: Context<AppEnv>) => Promise<unknown>;
export const HOME_SECTIONS = extensionPoint<HomeSection>('platform.homeSections');

export async function homePage(c: Context<AppEnv>) {
  const t = c.get('t');
  const principals = await listPrincipals(c.get('deps').database.db, 1, 10);
  const sections = await Promise.all(
    installed()
      .all(HOME_SECTIONS)
      .map((s) => s(c)),
  );
  return renderPage(
    c,
    { title: t('home.title') },
    <>
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {sections}
      <section aria-labelledby="home-principals">
        <h2 id="home-principals">{t('home.principals')}</h2>
        <p class="muted">{t('home.principalsCount', { count: principals.total })}</p>
        <ul>
          {principals.items.map((p) => (
            <li>{p.name}</li>
          ))}
        </ul>
        <p>
          <a href="/principals">{t('home.seeAll')}</a>
        </p>
      </section>
    </>,
  );
}
