/**
 * Build time only (vite.config.ts, `prerenderSignIn`, loads it in Node): the console as a person
 * arriving sees it — no session, Vietnamese, at `/` — rendered to HTML for index.html's #root, and
 * the guard that goes with it (prerendered.ts). The console reads the browser's storage and location
 * as it renders; here they are empty, as for that person.
 */
import { renderToString } from 'react-dom/server';
import { TOKEN_KEY } from './api';
import { LANG_KEY } from './i18n';
import { vi } from './messages';
import { guardHead } from './prerendered';

export interface Prerendered {
  /** The sign-in's markup, for #root. */
  markup: string;
  /** The guard's inline script and styles, for <head>. */
  head: string;
}

const emptyStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
  getItem: () => null,
  setItem: () => undefined,
  removeItem: () => undefined,
};
const browser = {
  window: { location: new URL('http://localhost/'), addEventListener: () => undefined, removeEventListener: () => undefined },
  localStorage: emptyStorage,
  sessionStorage: emptyStorage,
};

export async function prerender(): Promise<Prerendered> {
  Object.assign(globalThis, browser);
  try {
    // Imported here, once the stand-ins are in place: the router listens to the window as it loads.
    const { Console } = await import('./root');
    const head = guardHead(TOKEN_KEY, LANG_KEY, vi['common.loading']);
    return { markup: renderToString(<Console />), head };
  } finally {
    for (const name of Object.keys(browser)) Reflect.deleteProperty(globalThis, name);
  }
}
