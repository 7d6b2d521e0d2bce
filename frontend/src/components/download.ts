// Saving a file the API sent (exports), named by its Content-Disposition.

import { api, unwrap } from '../api/client';
import { ApiError, toApiError } from '../api/problem';
import type { Job } from '../api/types';

export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Hands the blob to the browser as a download; returns the file name used. */
export function saveDownload(blob: Blob, disposition: string | null, fallback: string): string {
  const name = filenameFrom(disposition, fallback);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** What a page watching a download passes along: a way to stop it, and counters of the bytes
 * received (a streamed export) or the rows written (a background one). */
export interface DownloadWatch {
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
  onRows?: (rows: number) => void;
}

/** An openapi-fetch answer read with `parseAs: 'stream'`. */
interface StreamedAnswer {
  data?: ReadableStream<Uint8Array> | null;
  error?: unknown;
  response: Response;
}

/**
 * Reads an export the server streams to its end and saves it; returns the file name used.
 * The server writes large exports as it reads them (no Content-Length), so the only honest
 * progress is the bytes received so far, reported as they arrive.
 */
export async function saveExport(answer: StreamedAnswer, fallback: string, watch: DownloadWatch = {}): Promise<string> {
  const { data, error, response } = answer;
  if (!response.ok || !data) throw toApiError(error, response);
  const reader = data.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    watch.onProgress?.(bytes);
  }
  const blob = new Blob(chunks as BlobPart[], { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
  return saveDownload(blob, response.headers.get('Content-Disposition'), fallback);
}

/** How soon a background export's job is first asked how far it got; the wait then grows to
 * `JOB_POLL_MAX_MS`, since a national export takes minutes. */
export const JOB_POLL_MS = 500;
const JOB_POLL_MAX_MS = 3000;
/** Failed looks in a row (the network, a restarting server) that still keep waiting. */
const JOB_POLL_TRIES = 5;

/** A background export's answer: the job (202) or a refusal. The generated client types `data`
 * as any success of the operation, the file of a 200 included; `background=true` makes it 202. */
interface QueuedAnswer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(new DOMException('stopped', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** Worth another look: no answer at all, or the server's own trouble (not a refusal). */
function transient(e: unknown): boolean {
  return !(e instanceof ApiError) || e.status >= 500;
}

/**
 * Follows an export the server runs as a background job (`background=true`) and saves its file;
 * returns the file name used. The job counts the rows written so far, which is the progress
 * shown; stopping here stops only the waiting (the file is still kept a day on the server).
 */
export async function saveExportJob(answer: QueuedAnswer, fallback: string, watch: DownloadWatch = {}): Promise<string> {
  const { data, error, response } = answer;
  if (response.status !== 202 || !data) throw toApiError(error, response);
  const queued = data as Job;
  const path = { id: queued.id };
  let [wait, misses] = [JOB_POLL_MS, 0];
  for (let job = queued; ; ) {
    watch.onRows?.(job.done);
    if (job.status === 'failed') throw new Error(job.error ?? 'export failed');
    if (job.status === 'succeeded') break;
    await pause(wait, watch.signal);
    wait = Math.min(wait * 1.5, JOB_POLL_MAX_MS);
    try {
      job = await unwrap(api.GET('/api/v1/jobs/{id}', { params: { path }, signal: watch.signal }));
      misses = 0;
    } catch (e) {
      if (watch.signal?.aborted || !transient(e) || ++misses >= JOB_POLL_TRIES) throw e;
    }
  }
  const file = await api.GET('/api/v1/jobs/{id}/file', { params: { path }, parseAs: 'blob', signal: watch.signal });
  if (!file.response.ok || !file.data) throw toApiError(file.error, file.response);
  return saveDownload(file.data, file.response.headers.get('Content-Disposition'), fallback);
}
