import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Flex, List, Modal, Popconfirm, Skeleton, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../api/problem';
import type { Attachment } from '../api/types';
import { downloadAttachment, useAttachmentContent, useAttachments, useDeleteAttachment, useUploadAttachment } from './attachmentsApi';
import { EVIDENCE_ACCEPT, evidenceProblem, formatBytes, isImage } from './evidenceFiles';
import { useFormatDateTime } from './format';
import { ProblemAlert } from './ProblemAlert';
import { EmptyState, ErrorState } from './states';

const THUMB = 112;

/**
 * The evidence (佐证材料) of any entity: photos as thumbnails, PDFs as file rows, each downloadable;
 * with `canEdit`, upload (JPEG, PNG, WebP, PDF, ≤ 5 MiB, checked here and by the server) and
 * delete. `basePath` is the entity's URL, e.g. `/api/v1/brands/ID` or `/api/v1/cases/ID`;
 * `onChange` runs after a file is added or removed (a year-end report loses its signatures then).
 */
export function AttachmentsCard({ basePath, canEdit, title, onChange }: { basePath: string; canEdit: boolean; title?: string; onChange?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const list = useAttachments(basePath);
  const upload = useUploadAttachment(basePath);
  const remove = useDeleteAttachment(basePath);
  // the server's last refusal (413 too many or too large, 422 not a kept type), shown until the next try
  const [problem, setProblem] = useState<unknown>(null);
  const [preview, setPreview] = useState<{ url: string; name: string } | null>(null);

  // a preview's object URL lives until it is closed or the card goes away
  const previewUrl = useRef<string | null>(null);
  useEffect(() => () => revoke(previewUrl.current), []);
  const openPreview = (blob: Blob, name: string) => {
    revoke(previewUrl.current);
    previewUrl.current = URL.createObjectURL(blob);
    setPreview({ url: previewUrl.current, name });
  };
  const closePreview = () => {
    revoke(previewUrl.current);
    previewUrl.current = null;
    setPreview(null);
  };

  const download = (a: Attachment) =>
    void downloadAttachment(client, basePath, a).catch((e: unknown) => void message.error(problemMessage(e, t)));
  const onDelete = (a: Attachment) =>
    remove
      .mutateAsync(a.id)
      .then(() => {
        onChange?.();
        void message.success(t('attachment.deleted'));
      })
      .catch((e: unknown) => setProblem(e));

  const items = list.data?.items ?? [];
  const images = items.filter((a) => isImage(a.content_type));
  const files = items.filter((a) => !isImage(a.content_type));
  const actions = { canEdit, deleting: remove.isPending, onDownload: download, onDelete };

  return (
    <Card
      title={title ?? t('attachment.title')}
      size="small"
      data-testid="attachments-card"
      extra={
        canEdit && (
          <Upload
            accept={EVIDENCE_ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              const why = evidenceProblem(file);
              if (!why) return true;
              void message.error(t(`attachment.${why}`, { name: file.name }));
              return Upload.LIST_IGNORE;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              const f = file as File;
              setProblem(null);
              upload
                .mutateAsync(f)
                .then((a) => {
                  onChange?.();
                  void message.success(t('attachment.uploaded', { name: a.filename }));
                  onSuccess?.(a);
                })
                .catch((e: unknown) => {
                  setProblem(e);
                  onError?.(e as Error);
                });
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachment-upload">
              {t('attachment.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {canEdit && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('attachment.hint')}
        </Typography.Paragraph>
      )}
      {problem !== null && <ProblemAlert error={problem} />}
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length === 0 ? (
        <EmptyState description={t('attachment.empty')} />
      ) : (
        <Flex vertical gap={16}>
          {images.length > 0 && (
            <Flex gap={12} wrap data-testid="attachment-images">
              {images.map((a) => (
                <ImageTile key={a.id} basePath={basePath} attachment={a} onOpen={openPreview} {...actions} />
              ))}
            </Flex>
          )}
          {files.length > 0 && (
            <List
              size="small"
              bordered
              dataSource={files}
              renderItem={(a) => <FileRow attachment={a} {...actions} />}
            />
          )}
        </Flex>
      )}
      <Modal open={!!preview} title={preview?.name} footer={null} onCancel={closePreview} width={880} destroyOnHidden>
        {preview && <img src={preview.url} alt={preview.name} style={{ display: 'block', maxWidth: '100%', margin: '0 auto' }} />}
      </Modal>
    </Card>
  );
}

interface ItemActions {
  canEdit: boolean;
  deleting: boolean;
  onDownload: (a: Attachment) => void;
  onDelete: (a: Attachment) => Promise<unknown>;
}

function ItemButtons({ attachment: a, canEdit, deleting, onDownload, onDelete }: ItemActions & { attachment: Attachment }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4}>
      <Button size="small" type="text" icon={<DownloadOutlined />} aria-label={t('attachment.download')} title={t('attachment.download')} data-testid="attachment-download" onClick={() => onDownload(a)} />
      {canEdit && (
        <Popconfirm
          title={t('attachment.deleteConfirm', { name: a.filename })}
          okText={t('attachment.delete')}
          okButtonProps={{ danger: true, loading: deleting }}
          cancelText={t('common.cancel')}
          onConfirm={() => onDelete(a)}
        >
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('attachment.delete')} title={t('attachment.delete')} data-testid="attachment-delete" />
        </Popconfirm>
      )}
    </Flex>
  );
}

/** A photo: its bytes read with the session's token, shown through an object URL freed when it goes. */
function ImageTile({
  basePath,
  attachment: a,
  onOpen,
  ...actions
}: ItemActions & { basePath: string; attachment: Attachment; onOpen: (blob: Blob, name: string) => void }) {
  const content = useAttachmentContent(basePath, a.id);
  const img = useRef<HTMLImageElement>(null);
  const blob = content.data;
  useEffect(() => {
    if (!blob || !img.current) return;
    const url = URL.createObjectURL(blob);
    img.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [blob]);

  return (
    <Flex vertical gap={4} style={{ width: THUMB }} data-testid="attachment-item" data-kind="image">
      {blob ? (
        <img
          ref={img}
          alt={a.filename}
          data-testid="attachment-thumb"
          onClick={() => onOpen(blob, a.filename)}
          style={{ width: THUMB, height: THUMB, objectFit: 'cover', borderRadius: 6, border: '1px solid #f0f0f0', cursor: 'zoom-in' }}
        />
      ) : (
        <Skeleton.Image active={content.isPending} style={{ width: THUMB, height: THUMB }} />
      )}
      <Typography.Text ellipsis={{ tooltip: a.filename }} style={{ fontSize: 12 }}>
        {a.filename}
      </Typography.Text>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatBytes(a.size_bytes)}
        </Typography.Text>
        <ItemButtons attachment={a} {...actions} />
      </Flex>
    </Flex>
  );
}

function FileRow({ attachment: a, ...actions }: ItemActions & { attachment: Attachment }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <List.Item data-testid="attachment-item" data-kind="file" actions={[<ItemButtons key="actions" attachment={a} {...actions} />]}>
      <List.Item.Meta
        avatar={<FilePdfOutlined style={{ fontSize: 24, color: '#cf1322' }} aria-hidden />}
        title={<Typography.Text ellipsis={{ tooltip: a.filename }}>{a.filename}</Typography.Text>}
        description={`${formatBytes(a.size_bytes)} · ${t('attachment.uploadedBy', { by: a.created_by, at: formatDateTime(a.created_at) })}`}
      />
    </List.Item>
  );
}

function revoke(url: string | null) {
  if (url) URL.revokeObjectURL(url);
}
