import { createRoot, hydrateRoot } from 'react-dom/client';
import { dropPrerendered, hydratesSignIn } from './prerendered';
import { Console } from './root';
import { navigate } from './router';
import './styles.css';

const SW_DELAY_MS = 5000;

// The service worker (src/sw.ts): the console opens without a connection, and shows Web Push notifications.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  // A few seconds after the first screen: on a slow line its download of the offline copy must not delay the sign-in and the first list.
  window.addEventListener('load', () => window.setTimeout(() => void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined), SW_DELAY_MS));
  // A notification clicked while the console is open: show what it is about here.
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent<{ type?: string; path?: string }>) => {
    if (e.data?.type === 'baove:navigate' && typeof e.data.path === 'string' && e.data.path.startsWith('/')) navigate(e.data.path);
  });
}

// The build pre-renders the sign-in in Vietnamese into index.html (prerender.tsx): hydrated when it is
// what the console shows; otherwise (a session, English) rendered afresh.
const root = document.getElementById('root')!;
if (hydratesSignIn(root)) {
  hydrateRoot(root, <Console />);
} else {
  dropPrerendered(root);
  createRoot(root).render(<Console />);
}
