import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import type { Job } from '../api/types';
import { saveExport, saveExportJob, type DownloadWatch } from './download';
import { ExportButtons } from './ExportButtons';

// The app's client calls its own origin; under test, one with a name fetch accepts.
vi.mock('../api/client', async (original) => {
  const client = await original<typeof import('../api/client')>();
  return { ...client, api: client.createApiClient('http://localhost') };
});

// a busy machine renders antd slowly: wait longer than the default second
const slow = { timeout: 10_000 };

beforeAll(() => {
  URL.createObjectURL = vi.fn(() => 'blob:export');
  URL.revokeObjectURL = vi.fn();
});
afterAll(() => vi.restoreAllMocks());

/** A body that arrives in the given chunks, as a streamed export does. */
function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

describe('saveExport', () => {
  it('reads the whole stream, reports the bytes received so far, and saves it under the server’s name', async () => {
    const seen: number[] = [];
    const response = new Response(null, {
      status: 200,
      headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E7%BB%93%E5%AF%B9.csv", 'Content-Type': 'text/csv' },
    });
    const name = await saveExport({ data: streamOf(['省份,县\n', '四川省,昭觉县\n', '贵州省,正安县\n']), response }, 'pairings.csv', {
      onProgress: (b) => seen.push(b),
    });
    expect(name).toBe('结对.csv');
    expect(seen).toHaveLength(3);
    expect(seen[2]).toBe(new TextEncoder().encode('省份,县\n四川省,昭觉县\n贵州省,正安县\n').byteLength);
    expect(seen[0]).toBeLessThan(seen[1]);
  });

  it('turns a refusal into the API error the page shows', async () => {
    const response = new Response(null, { status: 422 });
    const error = { type: 'about:blank', title: '参数有误', status: 422, detail: 'format: 只能是 xlsx 或 csv' };
    await expect(saveExport({ error, response }, 'x.xlsx')).rejects.toBeInstanceOf(ApiError);
  });
});

describe('saveExportJob', () => {
  const job = (over: Partial<Job>): Job => ({
    id: 'j1', kind: 'export', status: 'running', done: 0, total: 0, attempts: 1, created_at: '2026-12-07T00:00:00Z', ...over,
  });
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

  it('follows the job, counting the rows written, then saves its file under the server’s name', async () => {
    const fetchMock = vi.fn<(input: RequestInfo | URL) => Promise<Response>>();
    vi.stubGlobal('fetch', fetchMock);
    fetchMock
      .mockResolvedValueOnce(json(job({ done: 1000 })))
      .mockResolvedValueOnce(json(job({ status: 'succeeded', done: 2400, total: 2400 })))
      .mockResolvedValueOnce(
        new Response('项目名称\n', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="projects-20261207.csv"' } }),
      );
    const rows: number[] = [];
    const queued = new Response(null, { status: 202 });
    const name = await saveExportJob({ data: job({ status: 'queued' }), response: queued }, 'projects.csv', {
      onRows: (n) => rows.push(n),
    });
    expect(name).toBe('projects-20261207.csv');
    expect(rows).toEqual([0, 1000, 2400]);
    const urls = fetchMock.mock.calls.map(([input]) => (input as Request).url);
    expect(urls.map((u) => new URL(u).pathname)).toEqual(['/api/v1/jobs/j1', '/api/v1/jobs/j1', '/api/v1/jobs/j1/file']);
    vi.unstubAllGlobals();
  }, 10_000);

  it('keeps waiting through a restarting server, but not through a refusal', async () => {
    const fetchMock = vi.fn<(input: RequestInfo | URL) => Promise<Response>>();
    vi.stubGlobal('fetch', fetchMock);
    const unavailable = () =>
      new Response(JSON.stringify({ type: 'about:blank', title: '服务暂不可用', status: 503 }), {
        status: 503,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    fetchMock
      .mockResolvedValueOnce(unavailable())
      .mockResolvedValueOnce(json(job({ status: 'succeeded', done: 3 })))
      .mockResolvedValueOnce(new Response('x', { status: 200 }));
    const queued = new Response(null, { status: 202 });
    await expect(saveExportJob({ data: job({ status: 'queued' }), response: queued }, 'needs.csv')).resolves.toBe('needs.csv');

    fetchMock.mockReset().mockResolvedValueOnce(
      new Response(JSON.stringify({ type: 'about:blank', title: '未找到', status: 404 }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    await expect(saveExportJob({ data: job({ status: 'queued' }), response: queued }, 'needs.csv')).rejects.toBeInstanceOf(ApiError);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  }, 10_000);

  it('says why a job failed, and a refusal is the API error the page shows', async () => {
    const queued = new Response(null, { status: 202 });
    const failed = job({ status: 'failed', error: '导出文件超过 128 MB，请缩小筛选范围后再导出' });
    await expect(saveExportJob({ data: failed, response: queued }, 'x.csv')).rejects.toThrow('128 MB');
    const error = { type: 'about:blank', title: '参数有误', status: 422, detail: 'status: 值无效' };
    await expect(saveExportJob({ error, response: new Response(null, { status: 422 }) }, 'x.csv')).rejects.toBeInstanceOf(ApiError);
  });
});

describe('ExportButtons', () => {
  it('shows the bytes received while a file comes in, and can stop it', async () => {
    let watch: DownloadWatch = {};
    const run = vi.fn(
      (_format: string, w: DownloadWatch) =>
        new Promise<string>((_, reject) => {
          watch = w;
          w.signal?.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')));
        }),
    );
    render(
      <App>
        <ExportButtons testId="pairing-export" run={run} />
      </App>,
    );
    fireEvent.click(screen.getByTestId('pairing-export-xlsx'));
    expect(run).toHaveBeenCalledWith('xlsx', expect.objectContaining({ signal: expect.any(AbortSignal) }));
    // the other format waits until this one is done
    expect(screen.getByTestId('pairing-export-csv')).toBeDisabled();
    await waitFor(() => expect(screen.getByTestId('pairing-export-progress')).toHaveTextContent('正在准备导出文件'), slow);
    watch.onProgress?.(3 * 1024 * 1024);
    await waitFor(() => expect(screen.getByTestId('pairing-export-progress')).toHaveTextContent('已接收 3.0 MB'), slow);

    fireEvent.click(screen.getByTestId('pairing-export-cancel'));
    await screen.findByText('已停止导出', undefined, slow);
    expect(watch.signal?.aborted).toBe(true);
    await waitFor(() => expect(screen.getByTestId('pairing-export-csv')).toBeEnabled(), slow);
    expect(screen.queryByTestId('pairing-export-cancel')).toBeNull();
  });

  it('names the file when it is saved, and the problem when it is refused', async () => {
    const run = vi.fn().mockResolvedValueOnce('项目-2026-12-06.xlsx').mockRejectedValueOnce(new ApiError({ title: '无权导出', status: 403 }));
    render(
      <App>
        <ExportButtons testId="project-export" run={run} />
      </App>,
    );
    fireEvent.click(screen.getByTestId('project-export-xlsx'));
    await screen.findByText('已导出：项目-2026-12-06.xlsx', undefined, slow);
    await waitFor(() => expect(screen.getByTestId('project-export-csv')).toBeEnabled(), slow);
    fireEvent.click(screen.getByTestId('project-export-csv'));
    await screen.findByText('没有权限执行此操作', undefined, slow);
  });
});
