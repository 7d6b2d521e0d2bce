import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { evidenceApi, unwrap } from '../api/client';
import { toApiError } from '../api/problem';
import { attachmentKeys } from '../api/queryKeys';
import type { Attachment, UploadForm } from '../api/types';
import { saveDownload } from './download';

// Any entity's evidence, addressed by the entity's URL (`/api/v1/brands/ID`, `/api/v1/cases/ID`):
// the same routes and rules under each (backend attachments.rs), read with the session's token.

export function useAttachments(basePath: string) {
  return useQuery({
    queryKey: attachmentKeys.list(basePath),
    queryFn: () => unwrap(evidenceApi.GET('/attachments', { baseUrl: basePath })),
  });
}

/** A file's bytes; an attachment never changes (a new file is a new attachment), so they are kept. */
function contentQuery(basePath: string, id: string) {
  return {
    queryKey: attachmentKeys.content(basePath, id),
    queryFn: async (): Promise<Blob> => {
      const { data, error, response } = await evidenceApi.GET('/attachments/{attachment_id}', {
        baseUrl: basePath,
        params: { path: { attachment_id: id } },
        parseAs: 'blob',
      });
      if (!response.ok || !data) throw toApiError(error, response);
      return data as Blob;
    },
    staleTime: Infinity,
  };
}

export function useAttachmentContent(basePath: string, id: string) {
  return useQuery(contentQuery(basePath, id));
}

/** Saves a file under its own name, from the bytes already read for its thumbnail when there are. */
export async function downloadAttachment(client: QueryClient, basePath: string, a: Attachment): Promise<string> {
  const blob = await client.fetchQuery(contentQuery(basePath, a.id));
  return saveDownload(blob, null, a.filename);
}

export function useUploadAttachment(basePath: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      // a multipart form with its `file` part (UploadForm); the browser writes the boundary
      return unwrap(evidenceApi.POST('/attachments', { baseUrl: basePath, body: form as unknown as UploadForm }));
    },
    onSettled: () => void client.invalidateQueries({ queryKey: attachmentKeys.list(basePath) }),
  });
}

export function useDeleteAttachment(basePath: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(evidenceApi.DELETE('/attachments/{attachment_id}', { baseUrl: basePath, params: { path: { attachment_id: id } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: attachmentKeys.list(basePath) }),
  });
}
