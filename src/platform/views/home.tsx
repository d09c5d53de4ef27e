import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { extensionPoint, installed } from '../registry.js';

/**
 * A section of the home page ("what needs me", my bodies, the principals): a manifest's
 * `homeSections`. The page shows them in manifest order, in two slots: first the main
 * sections, then those marked for the end (an overview, a directory; see atEndOfHome).
 */
export type HomeSection = ((c: Context<AppEnv>) => Promise<unknown>) & { readonly slot?: 'main' | 'end' };
export const HOME_SECTIONS = extensionPoint<HomeSection>('platform.homeSections');

/** Marks a home section for the end of the page, after every main section. */
export function atEndOfHome(section: (c: Context<AppEnv>) => Promise<unknown>): HomeSection {
  return Object.assign(section, { slot: 'end' as const });
}

export async function homePage(c: Context<AppEnv>) {
  const t = c.get('t');
  const all = installed().all(HOME_SECTIONS);
  const ordered = [...all.filter((s) => s.slot !== 'end'), ...all.filter((s) => s.slot === 'end')];
  const sections = await Promise.all(ordered.map((s) => s(c)));
  return renderPage(
    c,
    { title: t('home.title') },
    <>
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {sections}
    </>,
  );
}
