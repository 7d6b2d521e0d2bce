import createClient, { type Middleware } from 'openapi-fetch';
import type { ApiPaths, AttachmentPaths, TokenResponse } from './types';
import { ApiError, toApiError } from './problem';
import { currentLanguage } from '../i18n';

/** Server messages (problem titles, field and row errors) follow the UI language. */
export const ACCEPT_LANGUAGE = 'Accept-Language';

// ---- access token: memory only -------------------------------------------------------------
let accessToken: string | null = null;
type Listener = () => void;
const sessionLostListeners = new Set<Listener>();

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** Called when a refresh fails after a 401: the session is gone, show the login page. */
export function onSessionLost(listener: Listener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

// ---- refresh (the refresh token lives in an HttpOnly cookie) ---------------------------------
const REFRESH_PATH = '/api/v1/auth/refresh';
let refreshing: Promise<TokenResponse> | null = null;

/** One refresh at a time: concurrent callers share it, so a rotating token is used once. */
export function refreshSession(): Promise<TokenResponse> {
  refreshing ??= (async () => {
    try {
      const response = await fetch(REFRESH_PATH, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', [ACCEPT_LANGUAGE]: currentLanguage() },
        body: '{}',
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) throw toApiError(body, response);
      const tokens = body as TokenResponse;
      setAccessToken(tokens.access_token);
      return tokens;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

const NO_RETRY = ['/api/v1/auth/login', REFRESH_PATH, '/api/v1/auth/logout'];

// Request bodies are streams: keep a copy of each request so a 401 can be retried once.
const pending = new Map<string, Request>();

export const authMiddleware: Middleware = {
  onRequest({ request, id }) {
    if (!request.headers.has(ACCEPT_LANGUAGE)) request.headers.set(ACCEPT_LANGUAGE, currentLanguage());
    if (accessToken && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${accessToken}`);
    }
    if (!NO_RETRY.some((p) => new URL(request.url, globalThis.location?.origin).pathname === p)) {
      pending.set(id, request.clone());
    }
    return request;
  },
  async onResponse({ response, id }) {
    const original = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || !original) return response;
    try {
      const tokens = await refreshSession();
      const retry = new Request(original);
      retry.headers.set('Authorization', `Bearer ${tokens.access_token}`);
      return await fetch(retry);
    } catch {
      setAccessToken(null);
      sessionLostListeners.forEach((l) => l());
      return response;
    }
  },
  onError({ id }) {
    pending.delete(id);
  },
};

/** A typed client with the session's token and refresh; `fetch` is looked up per call so tests can stub it. */
function authenticatedClient<Paths extends object>(baseUrl: string) {
  const client = createClient<Paths>({ baseUrl, credentials: 'include', fetch: (request) => globalThis.fetch(request) });
  client.use(authMiddleware);
  return client;
}

export function createApiClient(baseUrl = '') {
  return authenticatedClient<ApiPaths>(baseUrl);
}

export const api = createApiClient('');

/**
 * Any entity's attachments (`/attachments…` under the entity's URL, passed as each call's
 * `baseUrl`), with the same token and refresh as `api`.
 */
export const evidenceApi = authenticatedClient<AttachmentPaths>('');

/** Unwraps an openapi-fetch result: the data, or a thrown ApiError built from the problem. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  return data as T;
}

/** Like unwrap, and also returns the ETag header for a later If-Match. */
export async function unwrapWithEtag<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; etag: string | null }> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  return { data: data as T, etag: response.headers.get('ETag') };
}

export { ApiError };

/** PATCH bodies are JSON merge patches (RFC 7396), as the contract declares. */
export const MERGE_PATCH = 'application/merge-patch+json';
