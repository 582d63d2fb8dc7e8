/**
 * The commune's transfer inbox: cases other communes ask it to take (incoming: accept with a
 * worker, or decline) and the ones it asked others to take (outgoing: cancel while unanswered).
 */
import { useState } from 'react';
import { query } from '../api';
import type { Page, Transfer } from '../api/types';
import { useUser } from '../auth';
import { Loading, PageTitle, Pager, Status } from '../components/bits';
import { ErrorNotice } from '../components/ErrorNotice';
import { TransferCard } from '../components/TransferCard';
import { useApi } from '../query';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';

const DIRECTIONS = ['incoming', 'outgoing'] as const;

export function Transfers() {
  const user = useUser();
  const { t, label } = useI18n();
  const { params } = useLocation();
  const direction = params.get('direction') === 'outgoing' ? 'outgoing' : 'incoming';
  const page = Number(params.get('page') ?? '1') || 1;
  const list = useApi<Page<Transfer>>(`/transfers${query({ direction, page })}`);
  const [message, setMessage] = useState<string | null>(null);

  const updated = (tr: Transfer) => {
    if (list.data) list.set({ ...list.data, items: list.data.items.map((x) => (x.id === tr.id ? tr : x)) });
    setMessage(t('transfers.updated', { code: tr.caseCode, state: label('transferState', tr.state) }));
  };

  return (
    <>
      <PageTitle title={t('transfers.title')}>{t('transfers.title')}</PageTitle>
      <p>{t('transfers.intro', { agency: user.agency.name })}</p>
      <nav aria-label={t('transfers.tabs')}>
        <ul className="tabs">
          {DIRECTIONS.map((d) => (
            <li key={d}>
              <Link to={`/transfers${query({ direction: d })}`} aria-current={d === direction ? 'page' : undefined}>{t(`transfers.${d}`)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <Status message={message} />
      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && (list.data.items.length === 0
        ? <p className="muted">{t('transfers.none')}</p>
        : <ul className="cards">{list.data.items.map((tr) => <TransferCard key={tr.id} tr={tr} level={2} onUpdated={updated} onReload={list.reload} />)}</ul>)}
      {list.data && (
        <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total}
          onPage={(p) => navigate(`/transfers${query({ direction, page: p })}`)} />
      )}
    </>
  );
}
