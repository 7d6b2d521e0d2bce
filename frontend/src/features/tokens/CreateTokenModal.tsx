import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { ROLES, type CreatedApiToken, type NewApiToken, type Role } from '../../api/types';
import { CountyPicker } from '../../components/CountyPicker';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useProvinceOptions } from '../../components/referenceData';
import { useCurrentUser } from '../../session/context';
import { useCreateApiToken } from './api';

interface FormValues {
  name: string;
  role: Role;
  province_code?: string;
  county_code?: string;
  organization_id?: string;
}

/**
 * Roles a caller may issue a token for. As for accounts, and a provincial officer may also issue
 * a provincial-officer token for its own province: a token never exceeds its issuer's rights.
 */
export function issuableTokenRoles(callerRole: Role): Role[] {
  if (callerRole === 'national_admin') return [...ROLES];
  if (callerRole === 'provincial_officer') return ['county_officer', 'provincial_officer'];
  return [];
}

export function toNewApiToken(v: FormValues): NewApiToken {
  const body: NewApiToken = { name: v.name.trim(), role: v.role };
  if (v.role === 'provincial_officer') body.province_code = v.province_code;
  if (v.role === 'county_officer') body.county_code = v.county_code;
  if (v.role === 'org_member' && v.organization_id) body.organization_id = v.organization_id.trim();
  return body;
}

const FORM_FIELDS: readonly string[] = ['name', 'role', 'province_code', 'county_code', 'organization_id'];

/** A 422 whose every field error sits under a field of the form needs no alert above it. */
function shownOnFields(error: unknown): boolean {
  return error instanceof ApiError && error.errors.length > 0 && error.errors.every((e) => FORM_FIELDS.includes(e.field));
}

export function CreateTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedApiToken) => void;
}) {
  const { t } = useTranslation();
  const caller = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateApiToken();
  const provinces = useProvinceOptions();
  const roles = issuableTokenRoles(caller.role);
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
    create.mutate(toNewApiToken(values), {
      onSuccess: (created) => {
        close(); // also drops the secret from the mutation's state
        onCreated(created);
      },
      onError: (e) => {
        const fields = fieldErrors(e);
        if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof FormValues, errors: f.errors })));
      },
    });
  };

  const required = { required: true, message: t('token.required') };
  const showProvince = role === 'provincial_officer' || role === 'county_officer';

  return (
    <Modal
      open={open}
      title={t('token.create')}
      okText={t('token.issue')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={create.isPending}
      onCancel={close}
      destroyOnHidden
    >
      {create.isError && !shownOnFields(create.error) && <ProblemAlert error={create.error} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        name="create-api-token"
        data-testid="token-form"
        initialValues={{ province_code: fixedProvince }}
        onValuesChange={(changed: Partial<FormValues>) => {
          if ('province_code' in changed) form.setFieldValue('county_code', undefined);
        }}
      >
        <Form.Item
          label={t('token.name')}
          name="name"
          rules={[required, { whitespace: true, message: t('token.required') }, { max: 100, message: t('token.nameMax') }]}
        >
          <Input autoComplete="off" placeholder={t('token.namePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('token.role')} name="role" rules={[required]}>
          <Select options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {showProvince && (
          <Form.Item
            label={t('token.province')}
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
          <Form.Item label={t('token.county')} name="county_code" rules={[required]}>
            <CountyPicker province={fixedProvince ?? province} />
          </Form.Item>
        )}
        {role === 'org_member' && (
          <Form.Item label={t('token.organization')} name="organization_id">
            <Input />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
