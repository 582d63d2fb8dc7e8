import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import type { User } from './api/types';
import { SIGNED_IN_EVENT, useAuth } from './auth';
import { Loading, PageTitle } from './components/bits';
import { useI18n } from './i18n';
import { homeFor } from './nav';
import { Login } from './pages/Login';
import { Link, match, navigate, useLocation } from './router';
import { loadAllWorkflows } from './workflows';

/**
 * A page loaded when first opened (its own script file): only the sign-in comes with the console's
 * main script; the signed-in frame and the case list are fetched while the sign-in shows (below),
 * everything else, the workflow diagram's library above all, only where used (the service worker
 * keeps the files for offline use).
 */
function onDemand<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const loadLayout = () => import('./components/Layout');
const loadCaseList = () => import('./pages/CaseList');
const Layout = onDemand(loadLayout, 'Layout');
const CaseList = onDemand<'CaseList', object>(loadCaseList, 'CaseList');
const AdminUsers = onDemand(() => import('./pages/Admin'), 'AdminUsers');
const AdminAgencies = onDemand(() => import('./pages/Admin'), 'AdminAgencies');
const AdminUnits = onDemand(() => import('./pages/Admin'), 'AdminUnits');
const AdminHolidays = onDemand(() => import('./pages/Admin'), 'AdminHolidays');
const AdminSystemClients = onDemand(() => import('./pages/AdminSystemClients'), 'AdminSystemClients');
const Approvals = onDemand(() => import('./pages/Approvals'), 'Approvals');
const CasePage = onDemand(() => import('./pages/CasePage'), 'CasePage');
const ChildPage = onDemand(() => import('./pages/ChildPage'), 'ChildPage');
const ChildSearch = onDemand(() => import('./pages/ChildSearch'), 'ChildSearch');
const ChangePassword = onDemand(() => import('./pages/ChangePassword'), 'ChangePassword');
const TwoStep = onDemand(() => import('./pages/TwoStep'), 'TwoStep');
const Inbox = onDemand(() => import('./pages/Inbox'), 'Inbox');
const Intake = onDemand(() => import('./pages/Intake'), 'Intake');
const Notifications = onDemand(() => import('./pages/Notifications'), 'Notifications');
const Outbox = onDemand(() => import('./pages/Outbox'), 'Outbox');
const OverdueBoard = onDemand(() => import('./pages/OverdueBoard'), 'OverdueBoard');
const Sla = onDemand(() => import('./pages/Sla'), 'Sla');
const Transfers = onDemand(() => import('./pages/Transfers'), 'Transfers');
const UrgentReports = onDemand(() => import('./pages/UrgentReports'), 'UrgentReports');
const Workflows = onDemand(() => import('./pages/Workflows'), 'Workflows');
const Agenda = onDemand(() => import('./pages/Agenda'), 'Agenda');
const Caseload = onDemand(() => import('./pages/Caseload'), 'Caseload');
const NotificationSettingsPage = onDemand(() => import('./pages/NotificationSettings'), 'NotificationSettingsPage');
const Ack = onDemand(() => import('./pages/Ack'), 'Ack');
const AdminDeliveries = onDemand(() => import('./pages/AdminDeliveries'), 'AdminDeliveries');
const Reports = onDemand(() => import('./pages/Reports'), 'Reports');
const Statistics = onDemand(() => import('./pages/Statistics'), 'Statistics');
const SupportPage = onDemand(() => import('./pages/SupportPage'), 'SupportPage');
const Supports = onDemand(() => import('./pages/Supports'), 'Supports');

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
  ['/outbox', () => <Outbox />],
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

/** How often what waits in the outbox is tried again. */
const RETRY_MS = 15_000;
/** How long after sign-in every workflow's event names are fetched. */
const WORKFLOWS_DELAY_MS = 3000;

export function App() {
  const { user, passwordChangeRequired, mfaEnrolmentRequired } = useAuth();
  const { complete } = useI18n();
  const { path } = useLocation();

  useEffect(() => {
    if (user && path === '/') navigate(homeFor(user.role), { replace: true });
  }, [user, path]);

  // While the sign-in shows, fetch what follows it (the frame and the case list), so the first list
  // does not wait for its script; a failure is left to the page's own load. As the sign-in answers,
  // go to the home page in the same render and, when that is the case list, request its data at
  // once: the requests and the rendering of the frame overlap instead of following each other.
  useEffect(() => {
    if (user) return;
    void Promise.all([loadLayout(), loadCaseList()]).catch(() => undefined);
    const onSignedIn = (e: Event) => {
      const signedIn = (e as CustomEvent<User>).detail;
      const home = window.location.pathname === '/' ? homeFor(signedIn.role) : null;
      const at = new URL(home ?? window.location.href, window.location.origin);
      // The requests first: navigating renders at once (a microtask), which would hold them back.
      const prefetched = at.pathname === '/cases'
        ? loadCaseList().then((m) => m.prefetchCaseList(signedIn, at.searchParams))
        : Promise.resolve();
      void prefetched.catch(() => undefined).then(() => home && navigate(home, { replace: true }));
    };
    window.addEventListener(SIGNED_IN_EVENT, onSignedIn);
    return () => window.removeEventListener(SIGNED_IN_EVENT, onSignedIn);
  }, [user]);

  // Event names come from the workflows' contracts: load them once signed in (a failure leaves codes shown, and the next page load retries),
  // after the first screen has had the line to itself (a page needing a definition loads it at once).
  useEffect(() => {
    if (!user || passwordChangeRequired || mfaEnrolmentRequired) return;
    const timer = window.setTimeout(() => void loadAllWorkflows().catch(() => undefined), WORKFLOWS_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [user, passwordChangeRequired, mfaEnrolmentRequired]);

  // What was recorded offline goes out once signed in, and whenever the connection returns.
  const fullySignedIn = user !== null && !passwordChangeRequired && !mfaEnrolmentRequired;
  const userId = user?.id;
  useEffect(() => {
    if (!fullySignedIn || !userId) return;
    const send = () => void import('./outbox').then((o) => o.flush(userId)).catch(() => undefined);
    send();
    window.addEventListener('online', send);
    // A connection can come back without the browser noticing (signal without data): try again now and then.
    const timer = window.setInterval(send, RETRY_MS);
    return () => {
      window.removeEventListener('online', send);
      window.clearInterval(timer);
    };
  }, [fullySignedIn, userId]);

  if (!user) return <Login />;
  // Everything after the sign-in needs the rest of the words (fetched while the sign-in showed).
  if (!complete) return <Loading />;
  if (passwordChangeRequired) return <Suspense fallback={<Loading />}><ChangePassword forced /></Suspense>;
  if (mfaEnrolmentRequired) return <Suspense fallback={<Loading />}><TwoStep forced /></Suspense>;
  let page: ReactNode = null;
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, path);
    if (params) {
      page = render(params);
      break;
    }
  }
  return (
    <Suspense fallback={<Loading />}>
      <Layout><Suspense fallback={<Loading />}>{page ?? (path === '/' ? null : <NotFound />)}</Suspense></Layout>
    </Suspense>
  );
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
