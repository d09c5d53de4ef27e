import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from './context.js';
import { Layout, type Crumb, type NavItem } from '../views/layout.js';
import { extensionPoint, installed } from '../registry.js';

interface RenderOptions {
  title: string;
  breadcrumbs?: Crumb[];
  status?: number;
}

/** The header's account area (the identity part of the platform fills it). */
export type AccountArea = (c: Context<AppEnv>) => Child;
export const ACCOUNT_AREA = extensionPoint<AccountArea>('platform.accountArea');

/** Main navigation items a module adds (e.g. only for signed-in people): a manifest's `nav`. */
export type NavHook = (c: Context<AppEnv>) => NavItem[];
export const NAV = extensionPoint<NavHook>('platform.nav');

/**
 * The local navigation of the pages under one object (a body's pages, a structure's pages),
 * shown above the page's content. A module contributes a hook that answers for the paths it
 * knows (e.g. `/bodies/:id/...`) and null for the others; the first answer is shown.
 */
export type LocalNavHook = (c: Context<AppEnv>, path: string) => Child | Promise<Child> | null;
export const LOCAL_NAV = extensionPoint<LocalNavHook>('platform.localNav');

async function localNav(c: Context<AppEnv>, path: string): Promise<Child> {
  for (const hook of installed().all(LOCAL_NAV)) {
    const nav = await hook(c, path);
    if (nav) return nav;
  }
  return null;
}

/** Renders a whole page in the common layout. */
export async function renderPage(c: Context<AppEnv>, options: RenderOptions, body: Child): Promise<Response> {
  const url = new URL(c.req.url);
  const registry = installed();
  const page = (
    <Layout
      t={c.get('t')}
      lang={c.get('lang')}
      title={options.title}
      path={url.pathname + url.search}
      breadcrumbs={options.breadcrumbs}
      flash={c.get('flash')}
      account={registry.all(ACCOUNT_AREA)[0]?.(c)}
      extraNav={registry.all(NAV).flatMap((hook) => hook(c))}
      localNav={await localNav(c, url.pathname)}
    >
      {body}
    </Layout>
  );
  // toString() resolves async components (e.g. the header's unread count) as well.
  const html = '<!DOCTYPE html>' + (await (await page).toString());
  return c.html(html, (options.status ?? 200) as 200);
}
