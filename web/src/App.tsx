import { useEffect, type ReactNode } from 'react';
import { useAuth } from './auth';
import { Layout } from './components/Layout';
import { PageTitle } from './components/bits';
import { useI18n } from './i18n';
import { homeFor } from './nav';
import { AdminAgencies, AdminHolidays, AdminUnits, AdminUsers } from './pages/Admin';
import { AdminSystemClients } from './pages/AdminSystemClients';
import { Agenda } from './pages/Agenda';
import { Approvals } from './pages/Approvals';
import { CasePage } from './pages/CasePage';
import { CaseList } from './pages/CaseList';
import { Caseload } from './pages/Caseload';
import { ChildPage } from './pages/ChildPage';
import { ChildSearch } from './pages/ChildSearch';
import { ChangePassword } from './pages/ChangePassword';
import { TwoStep } from './pages/TwoStep';
import { Inbox } from './pages/Inbox';
import { Intake } from './pages/Intake';
import { Login } from './pages/Login';
import { Notifications } from './pages/Notifications';
import { NotificationSettingsPage } from './pages/NotificationSettings';
import { Ack } from './pages/Ack';
import { AdminDeliveries } from './pages/AdminDeliveries';
import { OverdueBoard } from './pages/OverdueBoard';
import { Reports } from './pages/Reports';
import { Sla } from './pages/Sla';
import { Statistics } from './pages/Statistics';
import { Transfers } from './pages/Transfers';
import { UrgentReports } from './pages/UrgentReports';
import { SupportPage } from './pages/SupportPage';
import { Supports } from './pages/Supports';
import { Workflows } from './pages/Workflows';
import { Link, match, navigate, useLocation } from './router';
import { loadAllWorkflows } from './workflows';

const ROUTES: Array<[string, (p: Record<string, string>) => ReactNode]> = [
  ['/intake', () => <Intake />],
  ['/cases', () => <CaseList />],
  ['/cases/:id', (p) => <CasePage key={p.id} id={p.id} />],
  ['/children', () => <ChildSearch />],
  ['/children/:id', (p) => <ChildPage key={p.id} id={p.id} />],
  ['/inbox', () => <Inbox />],
  ['/transfers', () => <Transfers />],
  ['/urgent-reports', () => <UrgentReports />],
  ['/supports', () => <Supports />],
  ['/supports/:id', (p) => <SupportPage key={p.id} id={p.id} />],
  ['/oversight', () => <OverdueBoard />],
  ['/approvals', () => <Approvals />],
  ['/sla', () => <Sla />],
  ['/caseload', () => <Caseload />],
  ['/agenda', () => <Agenda />],
  ['/statistics', () => <Statistics />],
  ['/reports', () => <Reports />],
  ['/notifications', () => <Notifications />],
  ['/notifications/settings', () => <NotificationSettingsPage />],
  ['/ack/:token', (p) => <Ack token={p.token} />],
  ['/admin/deliveries', () => <AdminDeliveries />],
  ['/admin/users', () => <AdminUsers />],
  ['/admin/agencies', () => <AdminAgencies />],
  ['/admin/units', () => <AdminUnits />],
  ['/admin/holidays', () => <AdminHolidays />],
  ['/admin/system-clients', () => <AdminSystemClients />],
  ['/workflows', () => <Workflows />],
  ['/password', () => <ChangePassword />],
  ['/two-step', () => <TwoStep />],
  ['/workflows/:name/:version', (p) => <Workflows name={p.name} version={Number(p.version)} />],
];

export function App() {
  const { user, passwordChangeRequired, mfaEnrolmentRequired } = useAuth();
  const { path } = useLocation();

  useEffect(() => {
    if (user && path === '/') navigate(homeFor(user.role), { replace: true });
  }, [user, path]);

  // Event names come from the workflows' contracts: load them once signed in (a failure leaves codes shown, and the next page load retries).
  useEffect(() => {
    if (user && !passwordChangeRequired && !mfaEnrolmentRequired) void loadAllWorkflows().catch(() => undefined);
  }, [user, passwordChangeRequired, mfaEnrolmentRequired]);

  if (!user) return <Login />;
  if (passwordChangeRequired) return <ChangePassword forced />;
  if (mfaEnrolmentRequired) return <TwoStep forced />;
  let page: ReactNode = null;
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, path);
    if (params) {
      page = render(params);
      break;
    }
  }
  return <Layout>{page ?? (path === '/' ? null : <NotFound />)}</Layout>;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle title={t('common.notFoundPage')}>{t('common.notFoundPage')}</PageTitle>
      <p><Link to="/">{t('common.home')}</Link></p>
    </>
  );
}
