import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import type { CaseCollection } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { LoadingState } from '../../components/states';
import { useCollection, useCreateCollection, useUpdateCollection } from './api';
import { changedOnly } from './caseForm';
import { collectionValuesOf, newCollectionValues, toNewCollection, type CollectionFormValues } from './collectionForm';

/**
 * Opens a case collection (no `collection`) or edits one. An edit reads the collection with its
 * ETag first and sends only the fields the user changed; on a conflict (412) what the user typed
 * stays in the form while they load the latest version.
 */
export function CollectionFormModal({ collection, open, onClose }: { collection?: CaseCollection; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useCollection(open ? collection?.id : undefined);
  if (!open) return null;
  if (collection && !detail.data) {
    return (
      <Modal open title={t('collections.editTitle')} footer={null} onCancel={onClose}>
        {detail.isError ? <ProblemAlert error={detail.error} onRetry={() => void detail.refetch()} /> : <LoadingState />}
      </Modal>
    );
  }
  return (
    <CollectionDialog
      initial={detail.data?.data}
      etag={detail.data?.etag ?? null}
      onReload={() => void detail.refetch()}
      onClose={onClose}
    />
  );
}

function CollectionDialog({
  initial,
  etag,
  onReload,
  onClose,
}: {
  initial?: CaseCollection;
  etag: string | null;
  onReload: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CollectionFormValues>();
  const create = useCreateCollection();
  const update = useUpdateCollection(initial?.id ?? '');
  const mutation = initial ? update : create;
  // the collection as the form opened: only fields changed since then are sent
  const [opened] = useState(() => (initial ? toNewCollection(collectionValuesOf(initial)) : null));
  const conflict = update.error instanceof ApiError && update.error.status === 412;
  const required = { required: true, message: t('collections.required') };

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };

  const onError = (e: unknown) => {
    const fields = fieldErrors(e);
    if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof CollectionFormValues, errors: f.errors })));
  };

  const submit = async () => {
    const body = toNewCollection(await form.validateFields());
    if (initial && opened) {
      update.mutate(
        { patch: changedOnly(body, opened), etag: etag ?? '' },
        {
          onSuccess: () => {
            void message.success(t('collections.saved'));
            close();
          },
          onError,
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: () => {
          void message.success(t('collections.created'));
          close();
        },
        onError,
      });
    }
  };

  return (
    <Modal
      open
      title={initial ? t('collections.editTitle') : t('collections.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'collection-save' } as ButtonProps}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={mutation.isPending}
      onCancel={close}
      destroyOnHidden
      width={600}
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          data-testid="collection-edit-conflict"
          title={t('collections.editConflict')}
          action={
            <Button
              size="small"
              onClick={() => {
                update.reset();
                onReload();
              }}
            >
              {t('collections.reloadLatest')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        mutation.isError && !(mutation.error instanceof ApiError && mutation.error.errors.length > 0) && <ProblemAlert error={mutation.error} />
      )}
      <Form<CollectionFormValues>
        form={form}
        layout="vertical"
        name="collection"
        data-testid="collection-form"
        initialValues={initial ? collectionValuesOf(initial) : newCollectionValues()}
      >
        <Form.Item label={t('collections.name')} name="title" rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('collections.year')} name="year" rules={[required]}>
          <InputNumber min={2021} max={2100} precision={0} />
        </Form.Item>
        <Form.Item label={t('collections.deadline')} name="deadline" rules={[required]} extra={t('collections.deadlineHint')}>
          <Input type="date" style={{ maxWidth: 200 }} />
        </Form.Item>
        <Form.Item label={t('collections.description')} name="description">
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
