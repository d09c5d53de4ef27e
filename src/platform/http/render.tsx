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
    >
      {body}
    </Layout>
  );
  // toString() resolves async components (e.g. the header's unread count) as well.
  const html = '<!DOCTYPE html>' + (await (await page).toString());
  return c.html(html, (options.status ?? 200) as 200);
}
