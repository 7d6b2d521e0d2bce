import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, onSessionLost, refreshSession, setAccessToken, unwrap } from '../../api/client';
import type { User } from '../../api/types';
import { SessionContext, type Session, type SessionStatus } from '../../session/context';

async function fetchMe(): Promise<User> {
  return unwrap(api.GET('/api/v1/me'));
}

/** Holds the signed-in user; the access token stays in memory (api/client). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUser] = useState<User | null>(null);

  const becomeAnonymous = useCallback(() => {
    setAccessToken(null);
    setUser(null);
    setStatus('anonymous');
    queryClient.clear();
  }, [queryClient]);

  // On start, the HttpOnly refresh cookie may still hold a session.
  useEffect(() => {
    let cancelled = false;
    refreshSession()
      .then(fetchMe)
      .then((me) => {
        if (cancelled) return;
        setUser(me);
        setStatus('authenticated');
      })
      .catch(() => {
        if (!cancelled) becomeAnonymous();
      });
    return () => {
      cancelled = true;
    };
  }, [becomeAnonymous]);

  useEffect(() => onSessionLost(becomeAnonymous), [becomeAnonymous]);

  const login = useCallback(async (username: string, password: string) => {
    const tokens = await unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }));
    setAccessToken(tokens.access_token);
    const me = await fetchMe();
    queryClient.clear();
    setUser(me);
    setStatus('authenticated');
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await api.POST('/api/v1/auth/logout', { body: {} });
    } finally {
      becomeAnonymous();
    }
  }, [becomeAnonymous]);

  const value = useMemo<Session>(() => ({ status, user, login, logout }), [status, user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
