import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { ROLES, type CreatedApiToken, type NewApiToken, type Role } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RoleScopeFields, roleScope, type RoleScopeValues } from '../../components/RoleScopeFields';
import { useCurrentUser } from '../../session/context';
import { useCreateApiToken } from './api';

interface FormValues extends RoleScopeValues {
  name: string;
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
  return { name: v.name.trim(), ...roleScope(v) };
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
  const roles = issuableTokenRoles(caller.role);

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
      >
        <Form.Item
          label={t('token.name')}
          name="name"
          rules={[required, { whitespace: true, message: t('token.required') }, { max: 100, message: t('token.nameMax') }]}
        >
          <Input autoComplete="off" placeholder={t('token.namePlaceholder')} />
        </Form.Item>
        <RoleScopeFields roles={roles} i18nPrefix="token" />
      </Form>
    </Modal>
  );
}
