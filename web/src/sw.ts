/**
 * The console's service worker (vite-plugin-pwa, injectManifest): the app shell — the page, its
 * script and styles, the icons — is precached so a reload without a connection shows the console,
 * not the browser's error page; the heavy parts loaded on demand (the workflow diagram's library)
 * are cached the first time they are used. API answers are never cached (personal data; the API
 * says `no-store`).
 *
 * Web Push (the payload H18's notifications send): JSON `{ title, body, url, tag, urgent, ackUrl? }`;
 * an urgent notification stays until the person acts; a click opens (or focuses) the console at
 * `ackUrl ?? url`, both console paths.
 */
/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope;

// A new release takes over at once: the shell is one version, never half old and half new.
void self.skipWaiting();
clientsClaim();

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any console path (deep links, reloads) is the app shell; the API and the service's own paths are not.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), {
  denylist: [/^\/(api|docs|health|metrics)(\/|$|-)/],
}));

// Built files are named by their content hash: once fetched, kept (the diagram's library, first used on /workflows).
registerRoute(({ url, request }) => url.origin === self.location.origin && url.pathname.startsWith('/assets/') && request.method === 'GET',
  new CacheFirst({ cacheName: 'baove-assets' }));

export interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag: string;
  urgent: boolean;
  ackUrl?: string;
}

/** The message asking an open console to show a path (main.tsx listens). */
export const NAVIGATE_MESSAGE = 'baove:navigate';

/** A console path, or the console's home when the payload names anything else (never another origin). */
function consolePath(path: unknown): string {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

self.addEventListener('push', (event) => {
  let p: Partial<PushPayload> = {};
  try {
    p = (event.data?.json() ?? {}) as Partial<PushPayload>;
  } catch {
    p = { body: event.data?.text() };
  }
  const title = typeof p.title === 'string' && p.title ? p.title : 'baove';
  event.waitUntil(self.registration.showNotification(title, {
    body: typeof p.body === 'string' ? p.body : '',
    tag: typeof p.tag === 'string' && p.tag ? p.tag : undefined,
    requireInteraction: p.urgent === true,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    lang: 'vi',
    data: { url: consolePath(p.url), ackUrl: p.ackUrl === undefined ? undefined : consolePath(p.ackUrl) },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = (event.notification.data ?? {}) as { url?: string; ackUrl?: string };
  const path = data.ackUrl ?? data.url ?? '/';
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
    if (open) {
      // The open console moves there itself (its router: no reload, nothing typed lost).
      open.postMessage({ type: NAVIGATE_MESSAGE, path });
      await open.focus();
      return;
    }
    await self.clients.openWindow(path);
  })());
});
