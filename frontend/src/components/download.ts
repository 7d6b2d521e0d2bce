// Saving a file the API sent (exports), named by its Content-Disposition.

import { toApiError } from '../api/problem';

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

/** What a page watching a download passes along: a way to stop it and a byte counter. */
export interface DownloadWatch {
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
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
