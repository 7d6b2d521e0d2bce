import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { shownOnFields } from '../../api/problem';
import type { CreatedApiToken, NewApiToken } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCreateModal } from '../../components/useCreateModal';
import { RoleScopeFields, roleScope, type RoleScopeValues } from '../../components/RoleScopeFields';
import { useCurrentUser } from '../../session/context';
import { issuableTokenRoles } from '../../session/roles';
import { useCreateApiToken } from './api';

interface FormValues extends RoleScopeValues {
  name: string;
}

export function toNewApiToken(v: FormValues): NewApiToken {
  return { name: v.name.trim(), ...roleScope(v) };
}

const FORM_FIELDS: readonly string[] = ['name', 'role', 'province_code', 'county_code', 'organization_id'];

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

  const { close, submit } = useCreateModal(form, create, toNewApiToken, onClose, onCreated);

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
      {create.isError && !shownOnFields(create.error, FORM_FIELDS) && <ProblemAlert error={create.error} />}
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
