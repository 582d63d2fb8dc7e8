import { useEffect, useRef, type ReactNode } from 'react';
import { useNow } from '../hooks';
import { useI18n } from '../i18n';

/** "còn 3 giờ 20 phút" or "quá hạn 1 giờ", with the exact time for hover and screen readers. */
export function Countdown({ dueAt, done }: { dueAt: string | null; done?: boolean }) {
  const { t, countdown, dateTime } = useI18n();
  const now = useNow();
  if (!dueAt) return <span className="muted">{t('time.none')}</span>;
  const late = !done && new Date(dueAt).getTime() < now;
  return (
    <time dateTime={dueAt} title={dateTime(dueAt)} className={late ? 'late' : 'due'}>
      {done ? dateTime(dueAt) : countdown(dueAt, now)}
    </time>
  );
}

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage(p: number): void }) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('common.pageOf', { page, pages, total })}>
      <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('common.prev')}</button>
      <span>{t('common.pageOf', { page, pages, total })}</span>
      <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>{t('common.next')}</button>
    </nav>
  );
}

/** A polite live region: what just happened ("Đã ghi: Bắt đầu xác minh."). */
export function Status({ message }: { message: string | null }) {
  return <p className="status" role="status" aria-live="polite">{message ?? ''}</p>;
}

export function Loading() {
  const { t } = useI18n();
  return <p className="muted" role="status">{t('common.loading')}</p>;
}

/** The page's heading, focused when the page opens so screen readers announce where the user is. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · baove`;
  }, [title]);
  useEffect(() => {
    // Not away from a field being typed in (the pre-rendered sign-in is usable before the script hydrates it).
    if (document.activeElement?.matches('input, textarea, select')) return;
    ref.current?.focus({ preventScroll: true });
  }, []);
  return <h1 id="page-h" ref={ref} tabIndex={-1}>{children}</h1>;
}

export function Badge({ tone, children }: { tone: 'danger' | 'warn' | 'ok' | 'info' | 'plain'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A download of `blob` named `filename`, as the browser's own. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The page of a visitor not (fully) signed in — sign-in, a forced password change, a required
 * enrolment: the name, the language switch and, once a session exists, the way out.
 */
export function OutsideShell({ onSignOut, children }: { onSignOut?: () => void; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <main id="main" className="login">
      <p className="brand-line">
        <span className="logo">baove</span> <span className="tagline">{t('app.tagline')}</span>
        <button type="button" className="link" lang={lang === 'vi' ? 'en' : 'vi'} aria-label={t('lang.switchLabel')}
          onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {t('lang.switch')}
        </button>
        {onSignOut && <button type="button" className="link" onClick={onSignOut}>{t('auth.logout')}</button>}
      </p>
      {children}
    </main>
  );
}

/** "Bản nháp chưa gửi đã được khôi phục (lưu lúc …)" and the way to throw it away. */
export function DraftNotice({ savedAt, onDiscard, children }: { savedAt: string; onDiscard(): void; children?: ReactNode }) {
  const { t, dateTime } = useI18n();
  return (
    <div className="notice notice-warn draft-notice" role="status">
      <p>{t('draft.restored', { at: dateTime(savedAt) })}</p>
      {children}
      <p className="actions"><button type="button" className="secondary" onClick={onDiscard}>{t('draft.discard')}</button></p>
    </div>
  );
}

/** "Đã lưu nháp trên máy này lúc 09:41": what is typed is safe. */
export function DraftSaved({ at }: { at: string | null }) {
  const { t, dateTime } = useI18n();
  return <p className="muted small draft-saved">{at ? t('draft.saved', { at: dateTime(at) }) : ''}</p>;
}
