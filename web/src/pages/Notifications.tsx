/** In-app notifications (new case, deadline missed, handoff declined...), unread first. */
import { useState } from 'react';
import { api, query } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle, Pager } from '../components/bits';
import { Checkbox } from '../components/fields';
import { useCommand } from '../hooks';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { Link } from '../router';
import type { Notification, Page } from '../api/types';

export function Notifications() {
  const { t, lang, dateTime } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(true);
  const [page, setPage] = useState(1);
  const list = useApi<Page<Notification>>(`/notifications${query({ unread: unreadOnly || undefined, page })}`);
  const cmd = useCommand();

  const markRead = async (n: Notification) => {
    const ok = await cmd.run(() => api<unknown>(`/notifications/${n.id}/read`, { method: 'POST' }));
    if (ok !== undefined) list.reload();
  };

  return (
    <>
      <PageTitle title={t('notif.title')}>{t('notif.title')}</PageTitle>
      <div className="filters">
        <Checkbox name="unread" label={t('notif.unreadOnly')} checked={unreadOnly} onChange={(v) => { setUnreadOnly(v); setPage(1); }} />
        <Link to="/notifications/settings">{t('nav.notificationSettings')}</Link>
      </div>
      <ErrorNotice error={list.error ?? cmd.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0 ? <p className="muted">{t('notif.none')}</p> : (
        <ul className="cards">
          {list.data.items.map((n) => (
            <li key={n.id} className={`case-card${n.readAt ? ' settled' : ''}`}>
              <p>{lang === 'vi' ? n.textVi : n.textEn}</p>
              <p className="muted small"><time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>{n.readAt && ` · ${t('notif.read')}`}</p>
              <p className="actions">
                {typeof n.payload.ackToken === 'string' && <Link to={`/ack/${n.payload.ackToken}`}>{t('ack.confirm')}</Link>}
                {n.caseId && <Link to={`/cases/${n.caseId}`} onClick={() => { if (!n.readAt) void markRead(n); }}>{t('notif.openCase')}</Link>}
                {!n.readAt && <button type="button" className="secondary" disabled={cmd.busy} onClick={() => void markRead(n)}>{t('notif.markRead')}</button>}
              </p>
            </li>
          ))}
        </ul>
      ))}
      {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />}
    </>
  );
}
