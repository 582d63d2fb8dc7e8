import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AuthProvider } from './auth';
import { I18nProvider } from './i18n';
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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AuthProvider>
        <App />
      </AuthProvider>
    </I18nProvider>
  </StrictMode>,
);
