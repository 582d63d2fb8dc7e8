/** Who is signed in. The token lives in sessionStorage: closing the browser signs the user out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, session, UNAUTHORIZED_EVENT } from './api';
import type { LoginResponse, Role, User } from './api/types';

interface Auth {
  user: User | null;
  /** True after the API refused the token (expired): the sign-in page says so. */
  expired: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(() => (session.token() ? session.user() : null));
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    const onUnauthorized = () => {
      setUser(null);
      setExpired(true);
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api<LoginResponse>('/auth/login', { body: { username, password } });
    session.save(res.accessToken, res.user);
    setExpired(false);
    setUser(res.user);
  }, []);

  const logout = useCallback(() => {
    session.clear();
    setExpired(false);
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, expired, login, logout }), [user, expired, login, logout]);
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
