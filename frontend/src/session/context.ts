import { createContext, useContext } from 'react';
import type { User } from '../api/types';

// The session contract shared by the shell and every feature. The provider lives in
// features/auth; features read it through useSession() and never import each other.
export type SessionStatus = 'loading' | 'anonymous' | 'authenticated';

/**
 * Why the last session ended without this tab's own logout: its time ran out (`expired`), or the
 * user logged out in another tab (`elsewhere`). The login page says which.
 */
export type SessionEnd = 'expired' | 'elsewhere';

export interface Session {
  status: SessionStatus;
  user: User | null;
  ended: SessionEnd | null;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession must be used inside <SessionProvider>');
  return s;
}

/** The signed-in user; only for components rendered behind the login guard. */
export function useCurrentUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser needs a signed-in user');
  return user;
}
