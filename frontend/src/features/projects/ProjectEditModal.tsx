import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { ASSISTANCE_TYPES, type Project } from '../../api/types';
import { changedOnly } from '../../components/mergePatch';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useUpdateProject } from './api';
import { ProjectFigureFields } from './ProjectFigureFields';
import { editValuesOf, toProjectEditPatch, type ProjectEditValues } from './projectForm';
import { ProjectBrandSelect } from './ProjectBrandSelect';

/**
 * Edits a project with the ETag it was read with, sending only the fields the user changed. If
 * someone changed it meanwhile (412), what the user typed stays in the form: they reload the
 * latest version and save again, and the other person's changes to other fields are kept.
 */
export function ProjectEditModal({
  project,
  etag,
  open,
  onClose,
  onReload,
}: {
  project: Project;
  etag: string;
  open: boolean;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProjectEditValues>();
  const update = useUpdateProject(project.id);
  // the project as the form opened: only fields changed since then are sent
  const [opened] = useState(() => toProjectEditPatch(editValuesOf(project)));
  const conflict = update.error instanceof ApiError && update.error.status === 412;
  const required = { required: true, message: t('project.required') };

  const close = () => {
    update.reset();
    onClose();
  };

  const submit = async () => {
    const values = await form.validateFields();
    update.mutate(
      { patch: changedOnly(toProjectEditPatch(values), opened), etag },
      {
        onSuccess: () => {
          void message.success(t('project.saved'));
          close();
        },
        onError: (e) => {
          const fields = fieldErrors(e);
          if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof ProjectEditValues, errors: f.errors })));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('project.edit')}
      okText={t('common.save')}
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
          data-testid="project-edit-conflict"
          title={t('project.editConflict')}
          action={
            <Button
              size="small"
              onClick={() => {
                update.reset();
                onReload();
              }}
            >
              {t('project.reloadLatest')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        update.isError && !(update.error instanceof ApiError && update.error.errors.length > 0) && <ProblemAlert error={update.error} />
      )}
      <Form<ProjectEditValues> form={form} layout="vertical" name="project-edit" data-testid="project-edit-form" initialValues={editValuesOf(project)}>
        <Form.Item label={t('project.name')} name="title" rules={[{ ...required, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('project.assistanceType')} name="assistance_type" rules={[required]}>
          <Select options={ASSISTANCE_TYPES.map((v) => ({ value: v, label: t(`assistanceType.${v}`) }))} />
        </Form.Item>
        <Form.Item label={t('project.brand')} name="brand_id" extra={t('project.brandHint')}>
          <ProjectBrandSelect project={project} />
        </Form.Item>
        <ProjectFigureFields />
      </Form>
    </Modal>
  );
}
