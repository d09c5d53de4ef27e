import type { Child } from 'hono/jsx';
import type { Flash } from '../http/context.js';
import type { Lang, Translate } from '../i18n/index.js';

export interface Crumb {
  href?: string;
  label: string;
}

export interface NavItem {
  href: string;
  label: string;
}

interface PageProps {
  t: Translate;
  lang: Lang;
  title: string;
  /** Current path with query, for the language switch to come back to. */
  path: string;
  breadcrumbs?: Crumb[];
  flash?: Flash | undefined;
  nav?: NavItem[];
  /** Items modules add after the default ones (see navHooks in render.tsx). */
  extraNav?: NavItem[];
  /** The local navigation of the object the page belongs to (a body's or a structure's pages), above the content. */
  localNav?: Child;
  /** Right-hand side of the header: account links (filled by the identity module). */
  account?: Child;
  children?: Child;
}

export function Layout(props: PageProps) {
  const { t, lang } = props;
  const other = t('layout.switchToLang');
  const nav = props.nav ?? [
    { href: '/', label: t('layout.nav.home') },
    // The modules' items (the structure module's structures and principals first).
    ...(props.extraNav ?? []),
  ];
  const currentPath = props.path.split('?')[0];
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}' />
        <title>{`${props.title} – ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/static/css/app.css" />
        <link rel="stylesheet" href="/static/css/print.css" media="print" />
        <script src="/static/js/htmx.min.js" defer></script>
        <script src="/static/js/app.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <span class="brand-name">{t('app.name')}</span>
              <span class="brand-tagline">{t('app.tagline')}</span>
            </a>
            <div class="header-tools">
              {props.account}
              <a class="lang-switch" href={`/lang/${other}?next=${encodeURIComponent(props.path)}`} lang={other} hreflang={other}>
                {t('layout.switchTo')}
              </a>
            </div>
          </div>
          <nav class="main-nav" aria-label={t('layout.nav.label')}>
            <ul class="wrap">
              {nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.href === currentPath ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        {props.breadcrumbs && props.breadcrumbs.length > 0 ? (
          <nav class="breadcrumbs wrap" aria-label={t('layout.breadcrumbs')}>
            <ol>
              {props.breadcrumbs.map((c, i) => (
                <li>{c.href && i < props.breadcrumbs!.length - 1 ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}</li>
              ))}
            </ol>
          </nav>
        ) : null}
        {props.localNav ?? null}
        <main id="main" class="wrap" tabindex={-1}>
          {props.flash ? (
            <div class={`flash flash-${props.flash.kind}`} role={props.flash.kind === 'error' ? 'alert' : 'status'}>
              {props.flash.message}
            </div>
          ) : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('layout.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
