import { useEffect } from 'react';
import { App, Form, Input, Modal, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors, problemMessage } from '../../api/problem';
import type { Department, UserPatch } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { LoadingState } from '../../components/states';
import { hasDepartment } from '../../session/roles';
import { DEFAULT_DEPARTMENT, DepartmentField } from './DepartmentField';
import { useUpdateUser, useUser } from './api';

interface FormValues {
  display_name: string;
  disabled: boolean;
  password?: string;
  department?: Department;
}

export function EditUserModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const user = useUser(id);
  const update = useUpdateUser(id ?? '');
  const current = user.data?.data;

  useEffect(() => {
    if (current) {
      form.setFieldsValue({
        display_name: current.display_name,
        disabled: current.disabled,
        password: '',
        department: current.department ?? DEFAULT_DEPARTMENT,
      });
    }
  }, [current, form]);

  const close = () => {
    update.reset();
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    if (!user.data?.etag) return;
    const patch: UserPatch = { display_name: v.display_name.trim(), disabled: v.disabled };
    if (v.password) patch.password = v.password;
    if (hasDepartment(user.data.data.role) && v.department) patch.department = v.department;
    update.mutate(
      { patch, etag: user.data.etag },
      {
        onSuccess: () => {
          void message.success(t('user.saved'));
          close();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 412) {
            void message.warning(t('error.stale'));
            void user.refetch();
            return;
          }
          const fields = fieldErrors(e);
          if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof FormValues, errors: f.errors })));
          else void message.error(problemMessage(e, t));
        },
      },
    );
  };

  return (
    <Modal
      open={!!id}
      title={current ? `${t('user.edit')}: ${current.username}` : t('user.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ disabled: !user.data }}
      confirmLoading={update.isPending}
      onCancel={close}
      destroyOnHidden
      forceRender
    >
      {user.isPending && id && <LoadingState />}
      {user.isError && <ProblemAlert error={user.error} onRetry={() => void user.refetch()} />}
      <Form<FormValues> form={form} name="edit-user" layout="vertical" data-testid="user-edit-form" hidden={!current}>
        <Form.Item label={t('user.displayName')} name="display_name" rules={[{ required: true, message: t('user.required') }]}>
          <Input />
        </Form.Item>
        {current && hasDepartment(current.role) && <DepartmentField />}
        <Form.Item label={t('user.disable')} name="disabled" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          label={t('user.newPassword')}
          name="password"
          extra={t('user.newPasswordHint')}
          rules={[{ min: 10, message: t('user.passwordMin') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
