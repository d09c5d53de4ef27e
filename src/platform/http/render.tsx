import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from './context.js';
import { Layout, type Crumb, type NavItem } from '../views/layout.js';

export interface RenderOptions {
  title: string;
  breadcrumbs?: Crumb[];
  status?: number;
}

/** Extension point: the identity module fills the header's account area. */
export const layoutHooks: { account?: (c: Context<AppEnv>) => Child } = {};

/** Extension point: modules add main navigation items (e.g. only for signed-in people). */
export const navHooks: ((c: Context<AppEnv>) => NavItem[])[] = [];

/** Renders a whole page in the common layout. */
export async function renderPage(c: Context<AppEnv>, options: RenderOptions, body: Child): Promise<Response> {
  const url = new URL(c.req.url);
  const page = (
    <Layout
      t={c.get('t')}
      lang={c.get('lang')}
      title={options.title}
      path={url.pathname + url.search}
      breadcrumbs={options.breadcrumbs}
      flash={c.get('flash')}
      account={layoutHooks.account?.(c)}
      extraNav={navHooks.flatMap((hook) => hook(c))}
    >
      {body}
    </Layout>
  );
  // toString() resolves async components (e.g. the header's unread count) as well.
  const html = '<!DOCTYPE html>' + (await (await page).toString());
  return c.html(html, (options.status ?? 200) as 200);
}
