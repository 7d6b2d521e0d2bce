import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, getAccessToken, onSessionLost, setAccessToken, unwrap } from './client';
import { ApiError } from './problem';
import i18n from '../i18n';

const origin = 'http://localhost:3000';
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
const problem = (status: number, title: string) =>
  json({ type: 'about:blank', title, status, request_id: 'req-1' }, status, 'application/problem+json');
const me = { id: 'u1', username: 'admin', display_name: '管理员', role: 'national_admin', disabled: false, created_at: '', updated_at: '' };
const tokens = { access_token: 'fresh', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900 };

describe('api client', () => {
  const fetchMock = vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    setAccessToken(null);
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('zh-CN');
  });

  it('sends the UI language as Accept-Language, so server messages match the UI', async () => {
    fetchMock.mockResolvedValueOnce(json(me)).mockResolvedValueOnce(json(me));
    const client = createApiClient(origin);
    await unwrap(client.GET('/api/v1/me'));
    await i18n.changeLanguage('en');
    await unwrap(client.GET('/api/v1/me'));
    expect((fetchMock.mock.calls[0][0] as Request).headers.get('Accept-Language')).toBe('zh-CN');
    expect((fetchMock.mock.calls[1][0] as Request).headers.get('Accept-Language')).toBe('en');
  });

  it('sends Accept-Language on the refresh and on the retried request too', async () => {
    await i18n.changeLanguage('en');
    setAccessToken('expired');
    fetchMock
      .mockResolvedValueOnce(problem(401, 'Authentication required'))
      .mockResolvedValueOnce(json(tokens))
      .mockResolvedValueOnce(json(me));
    const client = createApiClient(origin);
    await unwrap(client.GET('/api/v1/me'));
    const refreshInit = fetchMock.mock.calls[1][1];
    expect(new Headers(refreshInit?.headers).get('Accept-Language')).toBe('en');
    expect((fetchMock.mock.calls[2][0] as Request).headers.get('Accept-Language')).toBe('en');
  });

  it('sends Accept-Language on logout', async () => {
    await i18n.changeLanguage('en');
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    const client = createApiClient(origin);
    await client.POST('/api/v1/auth/logout', { body: {} });
    expect((fetchMock.mock.calls[0][0] as Request).headers.get('Accept-Language')).toBe('en');
  });

  it('adds the bearer token from memory', async () => {
    setAccessToken('tok');
    fetchMock.mockResolvedValueOnce(json(me));
    const client = createApiClient(origin);
    await expect(unwrap(client.GET('/api/v1/me'))).resolves.toMatchObject({ username: 'admin' });
    const req = fetchMock.mock.calls[0][0] as Request;
    expect(req.headers.get('Authorization')).toBe('Bearer tok');
  });

  it('on 401 refreshes once with the cookie and retries the request', async () => {
    setAccessToken('expired');
    fetchMock
      .mockResolvedValueOnce(problem(401, 'Unauthorized'))
      .mockResolvedValueOnce(json(tokens))
      .mockResolvedValueOnce(json(me));
    const client = createApiClient(origin);
    await expect(unwrap(client.GET('/api/v1/me'))).resolves.toMatchObject({ id: 'u1' });

    const [refreshUrl, refreshInit] = fetchMock.mock.calls[1];
    expect(refreshUrl).toBe('/api/v1/auth/refresh');
    expect(refreshInit).toMatchObject({ method: 'POST', credentials: 'include', body: '{}' });
    const retried = fetchMock.mock.calls[2][0] as Request;
    expect(retried.headers.get('Authorization')).toBe('Bearer fresh');
    expect(getAccessToken()).toBe('fresh');
  });

  it('gives up when the refresh fails and reports the lost session', async () => {
    setAccessToken('expired');
    const lost = vi.fn();
    const off = onSessionLost(lost);
    fetchMock.mockResolvedValueOnce(problem(401, 'Unauthorized')).mockResolvedValueOnce(problem(401, 'Unauthorized'));
    const client = createApiClient(origin);
    const err = await unwrap(client.GET('/api/v1/me')).catch((e: unknown) => e);
    off();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(lost).toHaveBeenCalledOnce();
    expect(getAccessToken()).toBeNull();
  });

  it('does not try to refresh a failed login', async () => {
    fetchMock.mockResolvedValueOnce(problem(401, 'Unauthorized'));
    const client = createApiClient(origin);
    const err = await unwrap(client.POST('/api/v1/auth/login', { body: { username: 'a', password: 'b' } })).catch(
      (e: unknown) => e,
    );
    expect((err as ApiError).requestId).toBe('req-1');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
