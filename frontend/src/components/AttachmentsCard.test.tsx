import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { AttachmentsCard } from './AttachmentsCard';

const photo = { id: 'a1', filename: '村口.png', content_type: 'image/png', size_bytes: 2048, sha256: 'x', created_by: 'org-zhang', created_at: '2025-06-01T08:00:00Z' };
const report = { ...photo, id: 'a2', filename: '验收报告.pdf', content_type: 'application/pdf', size_bytes: 5 * 1024 * 1024 };
// a busy machine renders antd slowly: wait longer than the default second
const slow = { timeout: 10_000 };
const ok = (data: unknown, status = 200) => Promise.resolve({ data, response: new Response(null, { status }) });

const evidence = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), DELETE: vi.fn() }));
vi.mock('../api/client', async (actual) => ({ ...(await actual<object>()), evidenceApi: evidence }));

beforeAll(() => {
  URL.createObjectURL = vi.fn(() => 'blob:thumb');
  URL.revokeObjectURL = vi.fn();
});
afterAll(() => vi.restoreAllMocks());

function renderCard(canEdit: boolean) {
  evidence.GET.mockImplementation((path: string) =>
    path === '/attachments' ? ok({ items: [photo, report] }) : ok(new Blob(['png'], { type: 'image/png' })),
  );
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <App>
        <AttachmentsCard basePath="/api/v1/brands/b1" canEdit={canEdit} />
      </App>
    </QueryClientProvider>,
  );
}

describe('AttachmentsCard', () => {
  it('reads the entity’s files under its URL: photos as thumbnails, PDFs as rows', async () => {
    const { unmount } = renderCard(false);
    const thumb = await screen.findByTestId('attachment-thumb', {}, slow);
    await waitFor(() => expect(thumb).toHaveAttribute('src', 'blob:thumb'), slow);
    expect(evidence.GET).toHaveBeenCalledWith('/attachments', { baseUrl: '/api/v1/brands/b1' });
    expect(evidence.GET).toHaveBeenCalledWith('/attachments/{attachment_id}', expect.objectContaining({ baseUrl: '/api/v1/brands/b1', params: { path: { attachment_id: 'a1' } }, parseAs: 'blob' }));
    expect(screen.getByText('验收报告.pdf')).toBeInTheDocument();
    expect(screen.getByText(/5\.0 MB/)).toBeInTheDocument();
    expect(screen.queryByTestId('attachment-upload')).toBeNull();
    expect(screen.queryByTestId('attachment-delete')).toBeNull();
    unmount();
    // the thumbnail's object URL is freed with it
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:thumb');
  });

  it('refuses a file of another type before sending it, and shows the server’s refusal', async () => {
    const { container } = renderCard(true);
    await screen.findByTestId('attachment-thumb', {}, slow);
    // the upload renders a fresh input after each pick
    const input = () => container.querySelector('input[type=file]') as HTMLInputElement;

    fireEvent.change(input(), { target: { files: [new File(['GIF89a'], 'a.gif', { type: 'image/gif' })] } });
    expect(await screen.findByText('“a.gif”不是 JPG、PNG、WebP 图片或 PDF 文件', {}, slow)).toBeInTheDocument();
    expect(evidence.POST).not.toHaveBeenCalled();

    evidence.POST.mockRejectedValueOnce(new ApiError({ status: 413, title: '请求体过大', errors: [{ field: 'file', message: '每个对象最多 20 个附件、共 25 MiB' }] }));
    fireEvent.change(input(), { target: { files: [new File(['png'], 'b.png', { type: 'image/png' })] } });
    await waitFor(() => expect(evidence.POST).toHaveBeenCalledWith('/attachments', expect.objectContaining({ baseUrl: '/api/v1/brands/b1' })), slow);
    const body = evidence.POST.mock.calls[0][1].body as FormData;
    expect((body.get('file') as File).name).toBe('b.png');
    const refusal = (await screen.findByText(/每个对象最多 20 个附件、共 25 MiB/, {}, slow)).closest('[role=alert]');
    expect(refusal).toHaveTextContent('请求体过大');
    expect(refusal).toHaveTextContent('file');
  });
});
