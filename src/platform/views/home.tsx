import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { extensionPoint, installed } from '../registry.js';

/**
 * A section of the home page: a manifest's `homeSections`. The page shows them ordered by
 * `order` (lower first; the platform's own numbers below). A section loads plain data for
 * the request's person and renders it; sections with a `key` and a `schema` are also the
 * properties of GET /api/me/overview (the same data as JSON), so a module adds to the page
 * and to the API in one place and the platform imports no module.
 *
 * Orders used today: 10 my next meetings (meetings), 20 what waits for me (platform),
 * 30 my open actions (minutes), 40 the bodies I lead (structure), 80 and later the
 * directory-like sections (my bodies, bodies with open cases).
 */
export interface HomeSection<T = unknown> {
  /** Position on the home page: lower first. */
  readonly order: number;
  /** The property of GET /api/me/overview carrying this section's data; page-only sections have none. */
  readonly key?: string;
  /** The shape of the data as JSON (dates as ISO strings), for the API and its OpenAPI document. */
  readonly schema?: z.ZodType<T>;
  /** The data for the request's actor; null when the section does not apply (an anonymous visitor, a person who leads no body). */
  load(c: Context<AppEnv>): Promise<T | null>;
  /** The section's HTML; an empty list says so in a sentence. */
  render(c: Context<AppEnv>, data: T): unknown;
}
export const HOME_SECTIONS = extensionPoint<HomeSection>('platform.homeSections');

/** Declares a home section (keeps the type of its data between load, schema and render). */
export function defineHomeSection<T>(section: HomeSection<T>): HomeSection {
  return section as HomeSection;
}

/** A page-only section (no API data) that renders straight from the request. */
export function pageSection(order: number, section: (c: Context<AppEnv>) => Promise<unknown>): HomeSection {
  return defineHomeSection<unknown>({ order, load: section, render: (_c, html) => html });
}

/** The sections of the installed modules in page order (stable for equal orders: manifest order). */
export function homeSections(): HomeSection[] {
  return [...installed().all(HOME_SECTIONS)].sort((a, b) => a.order - b.order);
}

/**
 * The data of each section for the request, in the sections' order. A section that fails is
 * logged and left out (null), so that one module cannot break the home page or the overview.
 */
export async function loadSections(c: Context<AppEnv>, sections: readonly HomeSection[]): Promise<unknown[]> {
  const results = await Promise.allSettled(sections.map((s) => s.load(c)));
  return results.map((r, i) => {
    if (r.status === 'fulfilled') return r.value;
    c.get('deps').logger.error({ err: r.reason, section: sections[i]!.key ?? sections[i]!.order }, 'a home section failed');
    return null;
  });
}

export async function homePage(c: Context<AppEnv>) {
  const t = c.get('t');
  const ordered = homeSections();
  const loaded = await loadSections(c, ordered);
  const sections = ordered.map((s, i) => (loaded[i] === null ? null : s.render(c, loaded[i])));
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
