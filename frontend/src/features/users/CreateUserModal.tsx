import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { ROLES, type NewUser, type Role } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCurrentUser } from '../../session/context';
import { CountyPicker } from '../../components/CountyPicker';
import { useProvinceOptions } from '../../components/referenceData';
import { useCreateUser } from './api';

interface FormValues {
  username: string;
  display_name: string;
  password: string;
  role: Role;
  province_code?: string;
  county_code?: string;
  organization_id?: string;
}

/** Roles the caller may create: a provincial officer creates county officers of its province. */
export function creatableRoles(callerRole: Role): Role[] {
  if (callerRole === 'national_admin') return [...ROLES];
  if (callerRole === 'provincial_officer') return ['county_officer'];
  return [];
}

export function toNewUser(v: FormValues): NewUser {
  const body: NewUser = { username: v.username.trim(), display_name: v.display_name.trim(), password: v.password, role: v.role };
  if (v.role === 'provincial_officer') body.province_code = v.province_code;
  if (v.role === 'county_officer') body.county_code = v.county_code;
  if (v.role === 'org_member' && v.organization_id) body.organization_id = v.organization_id.trim();
  return body;
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const caller = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateUser();
  const provinces = useProvinceOptions();
  const roles = creatableRoles(caller.role);
  const fixedProvince = caller.role === 'provincial_officer' ? (caller.province_code ?? undefined) : undefined;
  const role = Form.useWatch('role', form);
  const province = Form.useWatch('province_code', form);

  const close = () => {
    form.resetFields();
    create.reset();
    onClose();
  };

  const submit = async () => {
    const values = await form.validateFields();
    create.mutate(toNewUser(values), {
      onSuccess: (u) => {
        void message.success(`${t('user.created')}: ${u.username}`);
        close();
      },
      onError: (e) => {
        const fields = fieldErrors(e);
        if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof FormValues, errors: f.errors })));
      },
    });
  };

  const required = { required: true, message: t('user.required') };
  const showProvince = role === 'provincial_officer' || role === 'county_officer';

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
        initialValues={{ role: roles.includes('county_officer') && roles.length === 1 ? 'county_officer' : undefined, province_code: fixedProvince }}
        onValuesChange={(changed: Partial<FormValues>) => {
          if ('province_code' in changed) form.setFieldValue('county_code', undefined);
        }}
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
        <Form.Item label={t('user.role')} name="role" rules={[required]}>
          <Select
            disabled={roles.length === 1}
            options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        {showProvince && (
          <Form.Item
            label={t('user.province')}
            name="province_code"
            rules={role === 'provincial_officer' ? [required] : []}
          >
            <Select
              allowClear={!fixedProvince}
              disabled={!!fixedProvince}
              showSearch={{ optionFilterProp: 'label' }}
              loading={provinces.isPending}
              options={provinces.data?.items.map((p) => ({ value: p.code, label: p.name }))}
            />
          </Form.Item>
        )}
        {role === 'county_officer' && (
          <Form.Item label={t('user.county')} name="county_code" rules={[required]}>
            <CountyPicker province={fixedProvince ?? province} />
          </Form.Item>
        )}
        {role === 'org_member' && (
          <Form.Item label={t('user.organization')} name="organization_id">
            <Input />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
