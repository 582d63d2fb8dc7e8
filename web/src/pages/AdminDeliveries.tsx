/** The delivery log of notifications on e-mail, SMS, Zalo and push, failures first to act on (issue 18; administrators). */
import { useState } from 'react';
import { query } from '../api';
import type { DeliveryItem, Page } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading, PageTitle, Pager } from '../components/bits';
import { Select } from '../components/fields';
import { useApi } from '../query';
import { useI18n } from '../i18n';

export function AdminDeliveries() {
  const { t, label, dateTime } = useI18n();
  const [status, setStatus] = useState('failed');
  const [channel, setChannel] = useState('');
  const [page, setPage] = useState(1);
  const list = useApi<Page<DeliveryItem>>(`/notifications/deliveries${query({ status: status || undefined, channel: channel || undefined, page })}`);
  const statuses = ['queued', 'sending', 'sent', 'delivered', 'failed'].map((s) => ({ value: s, label: label('deliveryStatus', s) }));
  const channels = ['email', 'sms', 'zalo', 'push'].map((c) => ({ value: c, label: label('notifyChannel', c) }));
  return (
    <>
      <PageTitle title={t('dlog.title')}>{t('dlog.title')}</PageTitle>
      <div className="filters">
        <Select name="status" label={t('dlog.status')} value={status} options={statuses} placeholder={t('dlog.all')} onChange={(v) => { setStatus(v); setPage(1); }} />
        <Select name="channel" label={t('dlog.channel')} value={channel} options={channels} placeholder={t('dlog.all')} onChange={(v) => { setChannel(v); setPage(1); }} />
      </div>
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0 ? <p className="muted">{t('dlog.none')}</p> : (
        <div className="table-scroll">
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">{t('dlog.created')}</th><th scope="col">{t('dlog.user')}</th><th scope="col">{t('dlog.channel')}</th>
                <th scope="col">{t('dlog.template')}</th><th scope="col">{t('dlog.status')}</th><th scope="col">{t('dlog.attempts')}</th><th scope="col">{t('dlog.error')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <tr key={d.id}>
                  <td>{dateTime(d.createdAt)}</td><td>{d.username}</td><td>{label('notifyChannel', d.channel)}</td><td>{d.template}{d.urgent ? ' ⚠' : ''}</td>
                  <td>{label('deliveryStatus', d.status)}</td><td>{d.attempts}</td><td className="small">{d.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {list.data && <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />}
    </>
  );
}
