import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { useSession } from '../session/context';
import { ForbiddenState, LoadingState } from '../components/states';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <LoadingState fullscreen />;
  if (status === 'anonymous') {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

export function RequireRole({ allowed, children }: { allowed: (role: Role) => boolean; children: ReactNode }) {
  const { user } = useSession();
  if (!user || !allowed(user.role)) return <ForbiddenState />;
  return <>{children}</>;
}

export function LoginGate({ children }: { children: ReactNode }) {
  const { status } = useSession();
  if (status === 'loading') return <LoadingState fullscreen />;
  return <>{children}</>;
}
