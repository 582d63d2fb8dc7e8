/**
 * The pre-rendered sign-in (prerender.tsx puts it into index.html at build time) is shown and
 * usable before the console's script has come. Until then a guard, inline in index.html, keeps a
 * submit from leaving as a native form post (it would carry the password), and says when the
 * pre-rendered form must not show at all. Its state is one attribute of <html>, `data-signin`:
 * - `hidden`: a session is present or English is chosen: the console will not show this sign-in,
 *   so it is hidden, not shown for a moment (main.tsx renders afresh and drops the attribute);
 * - `held`: a submit came before the script: the button says it is loading, and the sign-in sends
 *   it once hydrated (`takeHeldSubmit`);
 * - `live`: the console handles the form; the guard lets every submit through.
 */

type SignInState = 'hidden' | 'held' | 'live';

const state = (): string | undefined => document.documentElement.dataset.signin;

/** Whether index.html holds the pre-rendered sign-in and the console is to hydrate it. */
export function hydratesSignIn(root: HTMLElement): boolean {
  return root.firstElementChild !== null && state() !== 'hidden';
}

/** The console renders afresh: the pre-rendered markup goes, and the guard's `hidden` with it. */
export function dropPrerendered(root: HTMLElement): void {
  root.replaceChildren();
  delete document.documentElement.dataset.signin;
}

/** The sign-in now handles its form; answers whether a submit waited for it. */
export function takeHeldSubmit(): boolean {
  const held = state() === 'held';
  document.documentElement.dataset.signin = 'live' satisfies SignInState;
  return held;
}

/**
 * The guard, run by the browser as index.html's inline script: its source is what is inlined, so it
 * names nothing from outside itself (the storage keys come as arguments). Storage that cannot be
 * read hides the pre-rendered form too: the console decides then.
 */
function guard(tokenKey: string, langKey: string): void {
  const html = document.documentElement;
  let hide: boolean;
  try {
    hide = sessionStorage.getItem(tokenKey) !== null || localStorage.getItem(langKey) === 'en';
  } catch {
    hide = true;
  }
  if (hide) {
    html.dataset.signin = 'hidden' satisfies SignInState;
    return;
  }
  document.addEventListener('submit', (e) => {
    if (html.dataset.signin === ('live' satisfies SignInState)) return;
    e.preventDefault();
    html.dataset.signin = 'held' satisfies SignInState;
  }, true);
}

/** The guard's inline script, and the styles of its states (`loading`: the button's word while a submit is held). */
export function guardHead(tokenKey: string, langKey: string, loading: string): string {
  const styles = 'html[data-signin=hidden] #root{visibility:hidden}' +
    'html[data-signin=held] #root form button[type=submit]{font-size:0;cursor:progress;opacity:.6}' +
    `html[data-signin=held] #root form button[type=submit]::after{content:${JSON.stringify(loading)};font-size:1rem}`;
  return `<style>${styles}</style><script>(${guard.toString()})(${JSON.stringify(tokenKey)},${JSON.stringify(langKey)})</script>`;
}
