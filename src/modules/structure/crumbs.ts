import type { Translate } from '../../platform/i18n/index.js';
import type { Crumb } from '../../platform/views/layout.js';

interface Named {
  id: string;
  name: string;
  shortName?: string | null;
}

/**
 * The breadcrumbs of a page below a body: Start › structure › body › … `tail` ends with the
 * page itself (a crumb without a link); an empty tail makes the body the current page. One
 * trail for every module's body pages, so they all read the same way.
 */
export function bodyTrail(t: Translate, body: Named, structure: { slug: string; name: string } | undefined, ...tail: Crumb[]): Crumb[] {
  const crumbs: Crumb[] = [{ href: '/', label: t('layout.nav.home') }];
  if (structure) crumbs.push({ href: `/structures/${structure.slug}`, label: structure.name });
  crumbs.push(tail.length ? { href: `/bodies/${body.id}`, label: body.shortName ?? body.name } : { label: body.shortName ?? body.name });
  return [...crumbs, ...tail];
}
