import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ApiError, fieldErrors, problemMessage, toApiError } from './problem';

const t = i18n.getFixedT('zh-CN');

function problemResponse(status: number, headers: Record<string, string> = {}) {
  return new Response(null, { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
}

describe('problem → message', () => {
  it('uses the detail of a problem', () => {
    const e = toApiError(
      { type: 'about:blank', title: 'Unauthorized', status: 401, detail: '用户名或密码错误', request_id: 'r1' },
      problemResponse(401),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.requestId).toBe('r1');
    expect(problemMessage(e, t)).toBe('用户名或密码错误');
  });

  it('tells how long to wait on 429 from Retry-After', () => {
    const e = toApiError({ type: 't', title: 'Too Many Requests', status: 429 }, problemResponse(429, { 'Retry-After': '30' }));
    expect(e.retryAfter).toBe(30);
    expect(problemMessage(e, t)).toBe('尝试次数过多，请 30 秒后再试');
  });

  it('explains a stale If-Match', () => {
    const e = toApiError({ type: 't', title: 'Precondition Failed', status: 412 }, problemResponse(412));
    expect(problemMessage(e, t)).toContain('已被他人修改');
  });

  it('falls back to the title, and handles non-problem bodies', () => {
    expect(problemMessage(toApiError({ type: 't', title: 'Conflict', status: 409 }, problemResponse(409)), t)).toBe('Conflict');
    const e = toApiError(undefined, new Response(null, { status: 502, statusText: 'Bad Gateway' }));
    expect(e.status).toBe(502);
    expect(problemMessage(e, t)).toBe('服务器错误，请稍后再试');
  });

  it('reports network failures', () => {
    expect(problemMessage(new TypeError('Failed to fetch'), t)).toBe('网络错误，请检查连接后重试');
  });

  it('groups field errors for the form', () => {
    const e = toApiError(
      {
        type: 't',
        title: 'Unprocessable',
        status: 422,
        errors: [
          { field: 'username', message: 'taken' },
          { field: 'county_code', message: 'unknown county' },
          { field: 'username', message: 'too short' },
        ],
      },
      problemResponse(422),
    );
    expect(fieldErrors(e)).toEqual([
      { name: 'username', errors: ['taken', 'too short'] },
      { name: 'county_code', errors: ['unknown county'] },
    ]);
    expect(fieldErrors(new Error('x'))).toEqual([]);
  });
});
