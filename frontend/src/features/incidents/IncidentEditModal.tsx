import { useState } from 'react';
import { Alert, App, Button, Form, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import type { Incident } from '../../api/types';
import { editValuesOf, formFieldOf, toIncidentPatch, type IncidentFieldValues } from '../../components/incidents/incidentForm';
import { IncidentFields } from '../../components/incidents/IncidentFields';
import { changedOnly } from '../../components/mergePatch';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useUpdateIncident } from './api';

/**
 * Corrects what the report says with the ETag it was read with, sending only the fields changed
 * (a merge patch). On 412 what the user typed stays: they load the latest version and save again.
 */
export function IncidentEditModal({ incident, etag, onClose, onReload }: { incident: Incident; etag: string; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IncidentFieldValues>();
  const update = useUpdateIncident(incident.id);
  // the incident as the form opened: only fields changed since then are sent
  const [opened] = useState(() => toIncidentPatch(editValuesOf(incident)));
  const conflict = update.error instanceof ApiError && update.error.status === 412;

  const close = () => {
    update.reset();
    onClose();
  };

  const submit = async () => {
    const values = await form.validateFields();
    update.mutate(
      { patch: changedOnly(toIncidentPatch(values), opened), etag },
      {
        onSuccess: () => {
          void message.success(t('incidents.saved'));
          close();
        },
        onError: (e) => {
          const fields = fieldErrors(e).flatMap((f) => {
            const name = formFieldOf(f.name);
            return name && name in opened ? [{ name: name as keyof IncidentFieldValues, errors: f.errors }] : [];
          });
          if (fields.length > 0) form.setFields(fields);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('incidents.edit')}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'incident-edit-save' } as ButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={update.isPending}
      onCancel={close}
      destroyOnHidden
      width={640}
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          data-testid="incident-edit-conflict"
          title={t('incidents.editConflict')}
          action={
            <Button
              size="small"
              onClick={() => {
                update.reset();
                onReload();
              }}
            >
              {t('incidents.reloadLatest')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        update.isError && !(update.error instanceof ApiError && update.error.errors.length > 0) && <ProblemAlert error={update.error} />
      )}
      <Form<IncidentFieldValues> form={form} layout="vertical" name="incident-edit" data-testid="incident-edit-form" initialValues={editValuesOf(incident)}>
        <IncidentFields />
      </Form>
    </Modal>
  );
}
