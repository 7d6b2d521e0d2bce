import { useState } from 'react';
import { Alert, App, Button, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import type { Brand } from '../../api/types';
import { changedOnly } from '../../components/mergePatch';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useUpdateBrand } from './api';
import { BrandFields } from './BrandFields';
import { editValuesOf, formFieldOf, toBrandPatch, type BrandEditValues } from './brandForm';

/**
 * Edits a draft or returned brand with the ETag it was read with, sending only the fields the
 * user changed (a merge patch). On 412 what the user typed stays: they load the latest version
 * and save again, keeping the other person's changes to other fields.
 */
export function BrandEditModal({
  brand,
  etag,
  partnerNames,
  onClose,
  onReload,
}: {
  brand: Brand;
  etag: string;
  partnerNames: Record<string, string | undefined>;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BrandEditValues>();
  const update = useUpdateBrand(brand.id);
  // the brand as the form opened: only fields changed since then are sent
  const [opened] = useState(() => toBrandPatch(editValuesOf(brand)));
  const conflict = update.error instanceof ApiError && update.error.status === 412;

  const close = () => {
    update.reset();
    onClose();
  };

  const submit = async () => {
    const values = await form.validateFields();
    update.mutate(
      { patch: changedOnly(toBrandPatch(values), opened), etag },
      {
        onSuccess: () => {
          void message.success(t('brand.saved'));
          close();
        },
        onError: (e) => {
          const fields = fieldErrors(e).map((f) => ({ name: formFieldOf(f.name) as keyof BrandEditValues, errors: f.errors }));
          if (fields.length > 0) form.setFields(fields);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('brand.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={update.isPending}
      onCancel={close}
      destroyOnHidden
      width={720}
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          data-testid="brand-edit-conflict"
          title={t('brand.editConflict')}
          action={
            <Button
              size="small"
              onClick={() => {
                update.reset();
                onReload();
              }}
            >
              {t('brand.reloadLatest')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        update.isError && !(update.error instanceof ApiError && update.error.errors.length > 0) && <ProblemAlert error={update.error} />
      )}
      <Form<BrandEditValues> form={form} layout="vertical" name="brand-edit" data-testid="brand-edit-form" initialValues={editValuesOf(brand, partnerNames)}>
        <BrandFields />
      </Form>
    </Modal>
  );
}
