import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, onSessionLost, refreshSession, setAccessToken, unwrap } from '../../api/client';
import type { User } from '../../api/types';
import { readStorage, removeStorage, writeStorage } from '../../components/storage';
import { SessionContext, type Session, type SessionEnd, type SessionStatus } from '../../session/context';

async function fetchMe(): Promise<User> {
  return unwrap(api.GET('/api/v1/me'));
}

/** Tabs of the same browser tell each other of a logout, so none keeps working on a dead session. */
const SESSION_CHANNEL = 'zhuxiang-session';
type SessionMessage = { kind: 'logout' };

function sessionChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SESSION_CHANNEL);
}

/**
 * Whether this browser holds a session: set at login, dropped when a session ends. The refresh
 * cookie is HttpOnly, so the page cannot see it; without this mark every first visit would try a
 * refresh and log its 401 in the console.
 */
const HAS_SESSION = 'zhuxiang.session';

/** Holds the signed-in user; the access token stays in memory (api/client). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SessionStatus>(() => (readStorage(HAS_SESSION) ? 'loading' : 'anonymous'));
  const [user, setUser] = useState<User | null>(null);
  const [ended, setEnded] = useState<SessionEnd | null>(null);

  const becomeAnonymous = useCallback(
    (why: SessionEnd | null = null) => {
      removeStorage(HAS_SESSION);
      setAccessToken(null);
      setUser(null);
      setStatus('anonymous');
      setEnded(why);
      queryClient.clear();
    },
    [queryClient],
  );

  // On start, the HttpOnly refresh cookie may still hold a session.
  useEffect(() => {
    if (!readStorage(HAS_SESSION)) return undefined;
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

  // A refresh that failed mid-work: the forms keep their drafts (formDraft) for after the login.
  // Calls still under way when the user logs out fail the same way: that is no expiry.
  const signedIn = useRef(false);
  useEffect(() => {
    signedIn.current = status === 'authenticated';
  }, [status]);
  useEffect(
    () =>
      onSessionLost(() => {
        if (signedIn.current) becomeAnonymous('expired');
      }),
    [becomeAnonymous],
  );

  useEffect(() => {
    const channel = sessionChannel();
    if (!channel) return undefined;
    channel.onmessage = (e: MessageEvent<SessionMessage>) => {
      if (e.data?.kind === 'logout') becomeAnonymous('elsewhere');
    };
    return () => channel.close();
  }, [becomeAnonymous]);

  const login = useCallback(async (username: string, password: string) => {
    const tokens = await unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }));
    setAccessToken(tokens.access_token);
    writeStorage(HAS_SESSION, '1');
    const me = await fetchMe();
    queryClient.clear();
    setUser(me);
    setStatus('authenticated');
    setEnded(null);
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await api.POST('/api/v1/auth/logout', { body: {} });
    } finally {
      becomeAnonymous();
      const channel = sessionChannel();
      channel?.postMessage({ kind: 'logout' } satisfies SessionMessage);
      channel?.close();
    }
  }, [becomeAnonymous]);

  const value = useMemo<Session>(() => ({ status, user, ended, login, logout }), [status, user, ended, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
