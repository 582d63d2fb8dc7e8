import { useEffect, useRef, type ReactNode } from 'react';
import { useAuth, useUser } from '../auth';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { NAV } from '../nav';
import { useOnline, useOutbox } from '../outbox';
import { useOfflineDataTime } from '../query';
import { Link, navigate, useLocation } from '../router';
import type { Notification, Page } from '../api/types';

export function Layout({ children }: { children: ReactNode }) {
  const user = useUser();
  const { logout } = useAuth();
  const { t, label, lang, setLang, dateTime } = useI18n();
  const { path } = useLocation();
  const items = NAV[user.role];
  const hasNotifications = items.some((i) => i.to === '/notifications');
  const unread = useApi<Page<Notification>>(hasNotifications ? '/notifications?unread=true&pageSize=1' : null);
  const reloadUnread = unread.reload;
  const mounted = useRef(false);

  // Refresh the unread count as the user moves between screens (the first load is useApi's own).
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    if (hasNotifications) reloadUnread();
  }, [path, hasNotifications, reloadUnread]);

  const unreadCount = unread.data?.total ?? 0;
  const online = useOnline();
  const dataTime = useOfflineDataTime();
  const outbox = useOutbox(user.id);
  const held = outbox.some((i) => i.status !== 'waiting');
  return (
    <>
      <a className="skip" href="#main">{t('nav.skip')}</a>
      <header className="top">
        {/* One compact row on a phone: the notifications (and their count) and the way out always in reach. */}
        <div className="bar">
          <Link to="/" className="logo">baove</Link>
          <span className="tagline">{t('app.tagline')}</span>
          {hasNotifications && (
            <Link to="/notifications" className="bell" aria-current={path === '/notifications' ? 'page' : undefined}>
              {t('nav.notifications')}
              {unreadCount > 0 && (
                <>
                  <span className="count" aria-hidden="true">{unreadCount}</span>
                  <span className="sr-only">({t('nav.unread', { n: unreadCount })})</span>
                </>
              )}
            </Link>
          )}
          <button type="button" className="link" lang={lang === 'vi' ? 'en' : 'vi'} aria-label={t('lang.switchLabel')}
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
            {t('lang.switch')}
          </button>
          <button type="button" className="link" onClick={() => { void logout().then(() => navigate('/')); }}>{t('auth.logout')}</button>
        </div>
        <details className="who">
          <summary title={t('auth.signedInAs', { name: user.fullName, role: label('role', user.role), agency: user.agency.name })}>
            {user.fullName} · {label('role', user.role)}
          </summary>
          <Link to="/password" className="link">{t('auth.changePassword')}</Link>
          <Link to="/two-step" className="link">{t('mfa.title')}</Link>
        </details>
        <nav aria-label={t('nav.main')} className="mainnav">
          <ul>
            {items.filter((i) => i.to !== '/notifications').map((i) => {
              const current = path === i.to || path.startsWith(`${i.to}/`);
              return (
                <li key={i.to}>
                  <Link to={i.to} aria-current={current ? 'page' : undefined}>{t(i.label)}</Link>
                </li>
              );
            })}
            {outbox.length > 0 && (
              <li>
                <Link to="/outbox" aria-current={path === '/outbox' ? 'page' : undefined} className={held ? 'attention' : undefined}>
                  {t('outbox.nav', { n: outbox.length })}
                </Link>
              </li>
            )}
          </ul>
        </nav>
      </header>
      {!online && (
        <p className="notice notice-warn offline" role="status">
          {t('outbox.offline')}
          {dataTime !== null && <> {t('query.offlineData', { time: dateTime(new Date(dataTime).toISOString()) })}</>}
        </p>
      )}
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
