/**
 * Who is signed in. The tokens live in sessionStorage: closing the browser signs the user out.
 * A user who must change their password (first sign-in, reset) sees only the change screen.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, session, UNAUTHORIZED_EVENT } from './api';
import type { LoginResponse, MfaChallenge, PasswordChanged, Role, User } from './api/types';

interface Auth {
  user: User | null;
  /** True after the API refused the token (expired): the sign-in page says so. */
  expired: boolean;
  /** The user must change their password before anything else. */
  passwordChangeRequired: boolean;
  /** A role that requires two-step verification, not yet enrolled: only enrolment is open. */
  mfaEnrolmentRequired: boolean;
  mfaEnrolled(): void;
  /** Signs in; answers the challenge when the user has two-step verification (then `verifyMfa`). */
  login(username: string, password: string): Promise<MfaChallenge | null>;
  verifyMfa(mfaToken: string, answer: { code: string } | { recoveryCode: string }): Promise<void>;
  /** Finishes a sign-in through the province's identity provider with the callback's one-time code. */
  exchangeOidcCode(code: string): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<PasswordChanged>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/**
 * Fired (a CustomEvent carrying the User) when a sign-in opens the console, before it renders
 * signed in: what the first page shows can be fetched meanwhile (App.tsx).
 */
export const SIGNED_IN_EVENT = 'baove:signed-in';

/** Drops what the session fetched (query.ts; loaded on demand, so there is nothing to drop before the first page). */
function clearFetched(): void {
  void import('./query').then((q) => q.queryClient.clear());
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(() => (session.token() ? session.user() : null));
  const [expired, setExpired] = useState(false);
  const [passwordChangeRequired, setPasswordChangeRequired] = useState(() => session.passwordChangeRequired());
  const [mfaEnrolmentRequired, setMfaEnrolmentRequired] = useState(() => session.mfaEnrolmentRequired());

  useEffect(() => {
    const onUnauthorized = () => {
      // What this session fetched goes with it: the next person to sign in here may not see it.
      clearFetched();
      setUser(null);
      setExpired(true);
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, []);

  const signedIn = useCallback((res: LoginResponse) => {
    session.save(res, res.user);
    setExpired(false);
    setPasswordChangeRequired(res.passwordChangeRequired);
    setMfaEnrolmentRequired(res.mfaEnrolmentRequired);
    setUser(res.user);
    if (!res.passwordChangeRequired && !res.mfaEnrolmentRequired) window.dispatchEvent(new CustomEvent<User>(SIGNED_IN_EVENT, { detail: res.user }));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api<LoginResponse | MfaChallenge>('/auth/login', { body: { username, password } });
    if ('mfaRequired' in res) return res;
    signedIn(res);
    return null;
  }, [signedIn]);

  const verifyMfa = useCallback(async (mfaToken: string, answer: { code: string } | { recoveryCode: string }) => {
    signedIn(await api<LoginResponse>('/auth/mfa/verify', { body: { mfaToken, ...answer } }));
  }, [signedIn]);

  const exchangeOidcCode = useCallback(async (code: string) => {
    signedIn(await api<LoginResponse>('/auth/oidc/exchange', { body: { code } }));
  }, [signedIn]);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const res = await api<PasswordChanged>('/auth/password', { body: { currentPassword, newPassword } });
    session.setPasswordChangeRequired(false);
    setPasswordChangeRequired(false);
    return res;
  }, []);

  /** Two-step verification is on: the session's enrolment-only limit is lifted. */
  const mfaEnrolled = useCallback(() => {
    session.setMfaEnrolmentRequired(false);
    setMfaEnrolmentRequired(false);
  }, []);

  /** Ends the session on the server too (its tokens stop working at once), then here. */
  const logout = useCallback(async () => {
    if (session.token()) await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    session.clear();
    clearFetched();
    setExpired(false);
    setPasswordChangeRequired(false);
    setMfaEnrolmentRequired(false);
    setUser(null);
  }, []);

  const value = useMemo(() => ({
    user, expired, passwordChangeRequired, mfaEnrolmentRequired, login, verifyMfa, exchangeOidcCode, changePassword, mfaEnrolled, logout,
  }), [user, expired, passwordChangeRequired, mfaEnrolmentRequired, login, verifyMfa, exchangeOidcCode, changePassword, mfaEnrolled, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for screens rendered behind the sign-in gate. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

export const PARTNER_ROLES: readonly Role[] = ['police', 'health', 'education', 'legal_aid', 'social_work_center'];
/** Roles that manage cases in a commune (create handoffs, assign). */
export const CASE_MANAGER_ROLES: readonly Role[] = ['social_worker', 'supervisor'];
export const INTAKE_ROLES: readonly Role[] = ['hotline_operator', 'social_worker', 'supervisor', 'police', 'health', 'education'];
export const OVERSIGHT_ROLES: readonly Role[] = ['supervisor', 'chair', 'auditor'];
