import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { ROLES, type Department, type NewUser, type Role } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RoleScopeFields, roleScope, type RoleScopeValues } from '../../components/RoleScopeFields';
import { useCreateModal } from '../../components/useCreateModal';
import { useCurrentUser } from '../../session/context';
import { hasDepartment } from '../../session/roles';
import { DepartmentField } from './DepartmentField';
import { useCreateUser } from './api';

interface FormValues extends RoleScopeValues {
  username: string;
  display_name: string;
  password: string;
  department?: Department;
}

/** Roles the caller may create: a provincial officer creates county officers of its province. */
export function creatableRoles(callerRole: Role): Role[] {
  if (callerRole === 'national_admin') return [...ROLES];
  if (callerRole === 'provincial_officer') return ['county_officer'];
  return [];
}

/** The account to create: the scope its role uses, and the department if its role has one. */
export function toNewUser(v: FormValues): NewUser {
  const user: NewUser = { username: v.username.trim(), display_name: v.display_name.trim(), password: v.password, ...roleScope(v) };
  if (hasDepartment(v.role) && v.department) user.department = v.department;
  return user;
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const caller = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateUser();
  const roles = creatableRoles(caller.role);
  const role = Form.useWatch('role', form);

  const { close, submit } = useCreateModal(form, create, toNewUser, onClose, (u) => void message.success(`${t('user.created')}: ${u.username}`));

  const required = { required: true, message: t('user.required') };

  return (
    <Modal
      open={open}
      title={t('user.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={create.isPending}
      onCancel={close}
      destroyOnHidden
    >
      {create.isError && !(create.error instanceof ApiError && create.error.errors.length > 0) && (
        <ProblemAlert error={create.error} />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        name="create-user"
        data-testid="user-form"
      >
        <Form.Item label={t('user.username')} name="username" rules={[required]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('user.displayName')} name="display_name" rules={[required]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('user.password')} name="password" rules={[required, { min: 10, message: t('user.passwordMin') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <RoleScopeFields roles={roles} i18nPrefix="user" />
        {hasDepartment(role) && <DepartmentField />}
      </Form>
    </Modal>
  );
}
